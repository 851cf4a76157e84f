import { describe, expect, it } from 'vitest';
import { JsonPathError, parseJsonPath, redactJsonPaths } from './json-paths';
import { redactionMarker } from './redaction';

const contract = {
  type: 'contract.signed',
  data: {
    contract_id: 'C-1',
    client: { company: 'Litware', email: 'alan@litware.example', iban: 'DE89370400440532013000' },
    signers: [{ name: 'Alan', ssn: '078-05-1120' }, { name: 'Grace', ssn: '219-09-9999' }],
    'bank.details': { account: 12345678 },
  },
  meta: { password: 'hunter2', nested: { password: 'hunter2', keep: 1 } },
};

describe('redactJsonPaths', () => {
  it('replaces the value at a path with the same marker the header rules use', () => {
    const out = redactJsonPaths(contract, ['$.data.client.iban']);
    expect(out.data.client.iban).toBe(redactionMarker('DE89370400440532013000'));
    expect(out.data.client.email).toBe('alan@litware.example');
  });

  it('leaves the input untouched and shares untouched branches', () => {
    const before = JSON.stringify(contract);
    const out = redactJsonPaths(contract, ['data.client.iban']);
    expect(JSON.stringify(contract)).toBe(before);
    expect(out.meta).toBe(contract.meta);
  });

  it('reaches array elements by index and by wildcard, and members by wildcard', () => {
    expect(redactJsonPaths(contract, ['$.data.signers[1].ssn']).data.signers.map((s) => s.ssn)).toEqual(['078-05-1120', redactionMarker('219-09-9999')]);
    expect(redactJsonPaths(contract, ['$.data.signers[*].ssn']).data.signers.map((s) => s.ssn)).toEqual([redactionMarker('078-05-1120'), redactionMarker('219-09-9999')]);
    const client = redactJsonPaths(contract, ['$.data.client.*']).data.client;
    expect(Object.values(client).every((v) => v.startsWith('[redacted:'))).toBe(true);
  });

  it('finds a key at any depth with ..', () => {
    const out = redactJsonPaths(contract, ['$..password']);
    expect(out.meta.password).toBe(redactionMarker('hunter2'));
    expect(out.meta.nested).toEqual({ password: redactionMarker('hunter2'), keep: 1 });
    const ssns = redactJsonPaths(contract, ['$..signers[*].ssn']).data.signers.map((s) => s.ssn);
    expect(ssns.every((s) => s.startsWith('[redacted:'))).toBe(true);
  });

  it('redacts non-string values by their canonical JSON, so equal values still match', () => {
    const out = redactJsonPaths(contract, ["$.data['bank.details']"]);
    expect(out.data['bank.details']).toBe(redactionMarker('{"account":12345678}'));
    const a = redactJsonPaths({ x: { b: 1, a: 2 } }, ['x']);
    const b = redactJsonPaths({ x: { a: 2, b: 1 } }, ['x']);
    expect(a).toEqual(b);
  });

  it('ignores paths that match nothing', () => {
    expect(redactJsonPaths(contract, ['$.nope.deeper', '$.data.signers[9].ssn', '$.type.x'])).toEqual(contract);
    expect(redactJsonPaths('plain text', ['$.a'])).toBe('plain text');
  });

  it('refuses a malformed path with the position of the problem', () => {
    expect(() => parseJsonPath('$.data..')).toThrow(JsonPathError);
    expect(() => parseJsonPath('$.items[x]')).toThrow(/position 8/);
    expect(() => parseJsonPath('$')).toThrow(/whole document/);
    expect(parseJsonPath("$['a\\'b'][2]")).toEqual([{ kind: 'key', key: "a'b" }, { kind: 'index', index: 2 }]);
  });
});
