import { describe, expect, it, vi } from 'vitest';
import { httpTransport, NOT_SIGNED_IN_MESSAGE, UNREACHABLE_MESSAGE } from './http';

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('httpTransport', () => {
  it('posts the input as JSON to /api/call/<name> and returns the Result', async () => {
    const fetch = vi.fn(async () => json({ ok: true, value: [1] }));
    const call = httpTransport({ fetch });
    expect(await call('listRuns', { limit: 5 })).toEqual({ ok: true, value: [1] });
    expect(fetch).toHaveBeenCalledWith('/api/call/listRuns', expect.objectContaining({
      method: 'POST',
      body: '{"limit":5}',
      headers: { 'content-type': 'application/json' },
    }));
  });

  it('passes error Results through whatever the HTTP status', async () => {
    const error = { code: 'not_found', message: 'There is no run "x".' };
    const call = httpTransport({ fetch: async () => json({ ok: false, error }, 404) });
    expect(await call('getRun', { runId: 'x' })).toEqual({ ok: false, error });
  });

  it('turns a 401 into words and tells the app', async () => {
    const onUnauthorized = vi.fn();
    const call = httpTransport({ fetch: async () => new Response('no', { status: 401 }), onUnauthorized });
    expect(await call('getAppInfo', {})).toEqual({ ok: false, error: { code: 'unavailable', message: NOT_SIGNED_IN_MESSAGE } });
    expect(onUnauthorized).toHaveBeenCalledOnce();
  });

  it('reports an unreachable server, and a body that is not a Result', async () => {
    const down = httpTransport({ fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    expect(await down('getAppInfo', {})).toEqual({ ok: false, error: { code: 'unavailable', message: UNREACHABLE_MESSAGE } });
    const broken = httpTransport({ fetch: async () => new Response('<html>Bad gateway</html>', { status: 502 }) });
    const result = await broken('getAppInfo', {});
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message).toContain('HTTP 502');
  });
});
