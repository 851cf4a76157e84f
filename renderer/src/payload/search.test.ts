import { describe, expect, it } from 'vitest';
import { filterTree } from './search';

describe('filterTree', () => {
  const value = { headers: { authorization: 'Bearer [redacted:f3e21b7d]', 'content-type': 'application/json' }, body: { email: 'laura@x.example', tags: ['vip', 'eu'] } };

  it('keeps matching keys whole and matching leaves with their ancestors', () => {
    expect(filterTree(value, 'redacted')).toEqual({ headers: { authorization: 'Bearer [redacted:f3e21b7d]' } });
    expect(filterTree(value, 'EMAIL')).toEqual({ body: { email: 'laura@x.example' } });
    expect(filterTree(value, 'eu')).toEqual({ body: { tags: ['eu'] } });
  });

  it('returns everything for an empty query and undefined for no match', () => {
    expect(filterTree(value, ' ')).toBe(value);
    expect(filterTree(value, 'nothing-like-this')).toBeUndefined();
  });
});
