import { describe, expect, it } from 'vitest';
import { jsonChanges } from './json-changes';

describe('jsonChanges', () => {
  it('names each changed, added and removed value by its path, in document order', () => {
    const before = { data: { client: { email: 'a.example', name: 'Ada' }, seats: 3, tags: ['x', 'y'], 'odd key': 1 } };
    const after = { data: { client: { email: 'a@b.example', name: 'Ada' }, tags: ['x'], 'odd key': 2, plan: 'pro' } };
    expect(jsonChanges(before, after)).toEqual([
      { path: '$.data.client.email', before: 'a.example', after: 'a@b.example' },
      { path: '$.data.seats', before: 3 },
      { path: '$.data.tags[1]', before: 'y' },
      { path: '$.data["odd key"]', before: 1, after: 2 },
      { path: '$.data.plan', after: 'pro' },
    ]);
  });

  it('finds nothing between equal values, and one change where a type changed', () => {
    expect(jsonChanges({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
    expect(jsonChanges({ a: { b: 1 } }, { a: 'b' })).toEqual([{ path: '$.a', before: { b: 1 }, after: 'b' }]);
    expect(jsonChanges(1, '1')).toEqual([{ path: '$', before: 1, after: '1' }]);
  });
});
