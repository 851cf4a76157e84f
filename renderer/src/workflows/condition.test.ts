import { describe, expect, it } from 'vitest';
import { parseCondition, rowProblems, toCel, type ConditionGroup, type ConditionRow } from './condition';

const row = (field: string, op: ConditionRow['op'], value = '', type: ConditionRow['type'] = 'text'): ConditionRow => ({ kind: 'row', field, op, value, type });
const group = (join: 'and' | 'or', ...items: ConditionGroup['items']): ConditionGroup => ({ kind: 'group', join, items });

describe('toCel', () => {
  it('writes the sample workflow condition', () => {
    expect(toCel(group('and', row('trigger.data.plan', '==', 'enterprise')))).toBe("trigger.data.plan == 'enterprise'");
  });

  it('joins rows and parenthesises nested groups', () => {
    const g = group('or', row('trigger.data.plan', '==', 'enterprise'), group('and', row('trigger.data.seats', '>=', '50', 'number'), row('trigger.data.client.email', 'endsWith', '@corp.example')));
    expect(toCel(g)).toBe("trigger.data.plan == 'enterprise' || (trigger.data.seats >= 50 && trigger.data.client.email.endsWith('@corp.example'))");
  });

  it('writes every operator', () => {
    expect(toCel(group('and', row('a.b', 'in', 'standard, enterprise')))).toBe("a.b in ['standard', 'enterprise']");
    expect(toCel(group('and', row('a.b', 'exists')))).toBe('has(a.b)');
    expect(toCel(group('and', row('a.b', 'contains', "it's")))).toBe("a.b.contains('it\\'s')");
    expect(toCel(group('and', row('a.vip', '!=', 'true', 'boolean')))).toBe('a.vip != true');
  });

  it('writes nothing for an empty group: the step always runs', () => {
    expect(toCel(group('and'))).toBe('');
    expect(parseCondition('')).toEqual(group('and'));
    expect(parseCondition(null)).toEqual(group('and'));
  });
});

describe('parseCondition', () => {
  const samples: ConditionGroup[] = [
    group('and', row('trigger.data.plan', '==', 'enterprise')),
    group('and', row('trigger.data.plan', '!=', 'standard'), row('trigger.data.seats', '>', '10', 'number')),
    group('or', row('trigger.data.plan', 'in', 'pro, enterprise'), group('and', row('trigger.data.client.email', 'startsWith', 'ceo@'), row('steps.stripe_customer.output.livemode', '==', 'false', 'boolean'))),
    group('and', row('trigger.data.coupon', 'exists'), row('trigger.data.amount', '<=', '-2.5', 'number'), row('x', 'contains', 'a\\b')),
  ];

  it('reads back exactly the rows that produced the CEL', () => {
    for (const g of samples) expect(parseCondition(toCel(g))).toEqual(g);
  });

  it('reads hand-written CEL of the same shapes', () => {
    expect(parseCondition('(trigger.data.plan == "enterprise")')).toEqual(group('and', row('trigger.data.plan', '==', 'enterprise')));
  });

  it('refuses what the builder cannot show, so the editor stays in advanced mode', () => {
    for (const cel of ["trigger.data.?plan.orValue('x') == 'y'", 'size(trigger.data.items) > 2', '!has(a.b)', "a == 'x' &&", "a in ['x', 1]", "'x' == a"]) {
      expect(parseCondition(cel), cel).toBeNull();
    }
  });
});

describe('rowProblems', () => {
  it('names what is wrong with a row', () => {
    expect(rowProblems(row('trigger.data.', '==', 'x'))).toEqual(['The field must be a path such as trigger.data.plan.']);
    expect(rowProblems(row('a', '>', 'ten', 'number'))).toEqual(['The value must be a number.']);
    expect(rowProblems(row('a', '==', 'yes', 'boolean'))).toEqual(['The value must be true or false.']);
    expect(rowProblems(row('a', '==', 'x'))).toEqual([]);
  });
});
