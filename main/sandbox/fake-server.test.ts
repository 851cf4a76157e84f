/**
 * The shared base: request log, fault queue, random transient failures, side-effect counters, lifecycle.
 * Exercised through a minimal fake with plain fetch, so nothing provider-specific hides a base bug.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakeServer, type ErrorAction, type FakeRequest, type FakeResponse, type FakeServerOptions } from './fake-server';

class EchoFake extends FakeServer {
  constructor(options: FakeServerOptions = {}) {
    super(options);
  }
  protected route(req: FakeRequest): FakeResponse {
    if (req.method === 'POST') this.track('thing', { body: req.body });
    return { status: req.method === 'POST' ? 201 : 200, body: { path: req.path } };
  }
  protected errorResponse(action: ErrorAction): FakeResponse {
    const headers: Record<string, string> = action.retryAfterSeconds === undefined ? {} : { 'retry-after': String(action.retryAfterSeconds) };
    return { status: action.status, body: { error: action.platformError ?? action.reason ?? action.message ?? 'injected' }, headers };
  }
  protected resetState(): void {}
}

const fake = new EchoFake({ seed: 1 });
const url = (path: string) => `${fake.origin}${path}`;
const post = (path: string, body = 'x=1') => fetch(url(path), { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } });

beforeAll(() => fake.start());
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe('request log', () => {
  it('keeps each request as received and what was answered', async () => {
    await fetch(url('/v1/things?a=1&a=2&b=x%20y'), { method: 'POST', body: 'metadata[k]=v', headers: { 'X-Trace-Id': 'abc', 'content-type': 'text/plain' } });
    const [entry] = fake.requests();
    expect(entry).toMatchObject({ seq: 1, method: 'POST', path: '/v1/things', query: { a: ['1', '2'], b: 'x y' }, rawQuery: 'a=1&a=2&b=x%20y', body: 'metadata[k]=v', status: 201 });
    expect(entry?.headers['x-trace-id']).toBe('abc');
    expect(entry?.rawHeaders).toContain('X-Trace-Id');
    expect(JSON.parse(entry!.responseBody!)).toEqual({ path: '/v1/things' });
    expect(typeof entry?.time).toBe('number');
    expect(fake.requests({ method: 'GET' })).toEqual([]);
    expect(fake.requests({ path: /things/ })).toHaveLength(1);
  });

  it('counts created objects by kind and lists them', async () => {
    await post('/a', 'one');
    await post('/a', 'two');
    await fetch(url('/a'));
    expect(fake.created()).toEqual({ thing: 2 });
    expect(fake.createdObjects('thing')).toEqual([{ body: 'one' }, { body: 'two' }]);
    fake.reset();
    expect(fake.created()).toEqual({});
    expect(fake.requests()).toEqual([]);
  });
});

describe('fault queue', () => {
  it('applies a fault only to matching method and path, for `times` requests, in queue order', async () => {
    fake.inject({ method: 'POST', path: '/a', times: 2 }, { status: 503 });
    fake.inject({ path: /^\/b/ }, { status: 400, message: 'bad b' });
    expect((await fetch(url('/a'))).status).toBe(200); // GET does not match
    expect((await post('/a')).status).toBe(503);
    expect((await post('/a')).status).toBe(503);
    expect((await post('/a')).status).toBe(201);
    const b = await fetch(url('/b/1'));
    expect([b.status, await b.json()]).toEqual([400, { error: 'bad b' }]);
    expect(fake.requests().map((r) => r.fault ?? null)).toEqual([null, 'status:503', 'status:503', null, 'status:400']);
    expect(fake.created()).toEqual({ thing: 1 });
  });

  it('can be inspected and withdrawn, and can last forever', async () => {
    const handle = fake.inject({ times: 3 }, { status: 500 });
    await fetch(url('/x'));
    expect(handle.remaining).toBe(2);
    handle.cancel();
    expect((await fetch(url('/x'))).status).toBe(200);
    fake.inject({ times: Infinity }, { status: 502 });
    for (let i = 0; i < 3; i++) expect((await fetch(url('/x'))).status).toBe(502);
    expect(fake.pendingFaults()).toBe(1);
    fake.clearFaults();
    expect((await fetch(url('/x'))).status).toBe(200);
  });

  it('passes Retry-After and provider-specific kinds to the provider envelope', async () => {
    fake.inject({}, { status: 429, retryAfterSeconds: 9 });
    const limited = await fetch(url('/x'));
    expect([limited.status, limited.headers.get('retry-after')]).toEqual([429, '9']);
    fake.inject({}, { kind: 'rate-limit-403' });
    expect(await (await fetch(url('/x'))).json()).toEqual({ error: 'userRateLimitExceeded' });
    fake.inject({}, { kind: 'response', status: 418, body: { teapot: true }, headers: { 'x-custom': '1' } });
    const literal = await fetch(url('/x'));
    expect([literal.status, literal.headers.get('x-custom'), await literal.json()]).toEqual([418, '1', { teapot: true }]);
  });

  it('reset-before does nothing; reset-after does the work; both drop the connection', async () => {
    fake.inject({}, { kind: 'reset-before' });
    await expect(post('/a')).rejects.toThrow();
    expect(fake.created()).toEqual({});
    fake.inject({}, { kind: 'reset-after' });
    await expect(post('/a')).rejects.toThrow();
    expect(fake.created()).toEqual({ thing: 1 });
    expect(fake.requests().map((r) => [r.fault, r.status])).toEqual([['reset-before', undefined], ['reset-after', undefined]]);
  });

  it('timeout holds the request until the client gives up; with process it does the work first', async () => {
    fake.inject({}, { kind: 'timeout' });
    await expect(fetch(url('/a'), { method: 'POST', signal: AbortSignal.timeout(100) })).rejects.toThrow();
    fake.inject({}, { kind: 'timeout', process: true });
    await expect(fetch(url('/a'), { method: 'POST', signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(fake.created()).toEqual({ thing: 1 });
  });

  it('slow-body sends the status line and headers before the body', async () => {
    fake.inject({}, { kind: 'slow-body', ms: 60_000 });
    const controller = new AbortController();
    const res = await fetch(url('/slow'), { signal: controller.signal });
    expect(res.status).toBe(200); // headers arrived while the body is still held back
    const body = res.text();
    controller.abort();
    await expect(body).rejects.toThrow();
  });
});

describe('transient failures', () => {
  async function outcomes(seed: number, rate: number, n: number): Promise<number[]> {
    const f = await new EchoFake({ seed, transientFailureRate: rate, transientRetryAfterSeconds: 2 }).start();
    try {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await fetch(`${f.origin}/t`)).status);
      return out;
    } finally {
      await f.stop();
    }
  }

  it('fails the given fraction with 503 or 429, reproducibly for a seed', async () => {
    const a = await outcomes(42, 0.5, 40);
    expect(await outcomes(42, 0.5, 40)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 503, 429]));
    expect((await outcomes(1, 1, 10)).every((s) => s === 503 || s === 429)).toBe(true);
    expect((await outcomes(1, 0, 10)).every((s) => s === 200)).toBe(true);
  });

  it('sends Retry-After with the random 429s', async () => {
    const f = await new EchoFake({ seed: 3, transientFailureRate: 1 }).start();
    try {
      let seen429 = false;
      for (let i = 0; i < 20 && !seen429; i++) {
        const res = await fetch(`${f.origin}/t`);
        if (res.status === 429) {
          seen429 = true;
          expect(res.headers.get('retry-after')).toBe('1');
        }
      }
      expect(seen429).toBe(true);
    } finally {
      await f.stop();
    }
  });
});

describe('lifecycle', () => {
  it('binds 127.0.0.1 on a random port and answers with latency configured', async () => {
    const slow = await new EchoFake({ latencyMs: 20 }).start();
    try {
      expect(slow.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(slow.port).not.toBe(fake.port);
      expect((await fetch(`${slow.origin}/x`)).status).toBe(200);
    } finally {
      await slow.stop();
    }
  });

  it('stop() closes connections a timeout fault is holding', async () => {
    const f = await new EchoFake().start();
    f.inject({}, { kind: 'timeout' });
    const pending = fetch(`${f.origin}/hang`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await f.stop();
    await expect(pending).rejects.toThrow();
    await expect(fetch(`${f.origin}/x`)).rejects.toThrow();
  });
});
