import { describe, expect, it } from 'vitest';
import type { ExchangeView } from '../../../preload/api';
import { diffJson } from './diff';
import { exchangeValue } from './exchange';

describe('diffJson', () => {
  it('is empty for equal values', () => {
    expect(diffJson({ a: [1, { b: 'x' }] }, { a: [1, { b: 'x' }] })).toEqual([]);
  });

  it('names each changed, added and removed leaf by its path', () => {
    const before = { status: 400, body: { error: { message: 'bad email' } }, emails: ['a'], gone: 1 };
    const after = { status: 200, body: { id: 'cus_1' }, emails: ['a', 'b'] };
    expect(diffJson(before, after)).toEqual([
      { kind: 'removed', path: 'body.error', before: { message: 'bad email' } },
      { kind: 'added', path: 'body.id', after: 'cus_1' },
      { kind: 'added', path: 'emails[1]', after: 'b' },
      { kind: 'removed', path: 'gone', before: 1 },
      { kind: 'changed', path: 'status', before: 400, after: 200 },
    ]);
  });

  it('treats a type change as one change and quotes odd keys', () => {
    expect(diffJson({ 'content-type': 'a', 'x y': [1] }, { 'content-type': 'b', 'x y': { 0: 1 } })).toEqual([
      { kind: 'changed', path: 'content-type', before: 'a', after: 'b' },
      { kind: 'changed', path: '["x y"]', before: [1], after: { 0: 1 } },
    ]);
  });

  it('compares two recorded attempts through their parsed bodies', () => {
    const exchange = (status: number, text: string): ExchangeView => ({
      seq: 1, at: 0, connector: 'slack', runId: 'r', stepId: 's', attemptId: 'a', idempotencyKey: null, durationMs: 1, error: null,
      request: { method: 'POST', url: 'u', headers: { 'content-type': 'application/json' }, body: { text: '{"channel":"C1"}', encoding: 'utf8', bytes: 16, sha256: '', truncated: false } },
      response: { status, headers: { 'content-type': 'application/json' }, body: { text, encoding: 'utf8', bytes: text.length, sha256: '', truncated: false } },
    });
    expect(diffJson(exchangeValue(exchange(429, '{"ok":false,"error":"ratelimited"}')), exchangeValue(exchange(200, '{"ok":true}')))).toEqual([
      { kind: 'removed', path: 'response.body.error', before: 'ratelimited' },
      { kind: 'changed', path: 'response.body.ok', before: false, after: true },
      { kind: 'changed', path: 'response.status', before: 429, after: 200 },
    ]);
  });
});
