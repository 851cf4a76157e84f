/**
 * The manual provider against a real loopback server standing in for the user's reverse proxy: up when
 * `<publicUrl>/hooks/healthz` answers like the intake, down (and retrying) when it does not.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createTunnel, type Tunnel } from './index';
import { startRecordingServer } from './testing/local-servers';
import { waitForState, waitForStatus } from './testing/wait-for-state';

const quick = { initialDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 2_000, checkIntervalMs: 50 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function manual(publicUrl: string, verify = true): Tunnel {
  const tunnel = createTunnel({ settings: { provider: 'manual', publicUrl, verify }, intakePort: 1, getSecret: async () => null, policy: quick });
  cleanups.push(() => tunnel.stop());
  return tunnel;
}

/** A proxy whose answer the test switches: like the intake, a 502 (upstream down), or someone else's 200. */
async function proxy() {
  let mode: 'intake' | '502' | 'other' = 'intake';
  const server = http.createServer((req, res) => {
    if (mode === '502') return void res.writeHead(502).end('Bad Gateway');
    if (mode === 'other') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Welcome to nginx!</h1>');
    const ok = req.url === '/base/hooks/healthz';
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { ok: true } : { error: 'nope' }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, set: (m: typeof mode) => (mode = m) };
}

describe('manual public URL (your own reverse proxy)', () => {
  it('is up once the intake health check answers through the URL, and builds endpoint URLs from it', async () => {
    const p = await proxy();
    const tunnel = manual(`${p.url}/base/hooks/`); // a pasted URL ending in /hooks/ is understood
    tunnel.start();
    const up = await waitForState(tunnel, 'up');
    expect(up).toMatchObject({ publicUrl: `${p.url}/base`, reason: null });
    expect(tunnel.publicUrlFor('contracts')).toBe(`${p.url}/base/hooks/contracts`);
  });

  it('says what is wrong while the proxy does not reach the intake, and comes up when it does', async () => {
    const p = await proxy();
    p.set('502');
    const tunnel = manual(`${p.url}/base`);
    tunnel.start();
    const bad = await waitForStatus(tunnel, (s) => s.failures >= 2, 'two failed checks');
    expect(bad.reason).toBe(`${p.url}/base/hooks/healthz answered 502: is the proxy forwarding to Keel's intake port?`);
    p.set('other');
    const other = await waitForStatus(tunnel, (s) => s.reason?.includes('not Keel') ?? false, 'the wrong-server reason');
    expect(other.state).toBe('down');
    p.set('intake');
    await waitForState(tunnel, 'up');
  });

  it('goes down when the proxy stops answering while up', async () => {
    const intake = await startRecordingServer('intake');
    cleanups.push(() => intake.close());
    const tunnel = manual(`http://127.0.0.1:${intake.port}`);
    tunnel.start();
    await waitForState(tunnel, 'up');
    await intake.close();
    const down = await waitForState(tunnel, 'down');
    expect(down.reason).toMatch(/^the tunnel stopped answering: could not reach http:\/\/127\.0\.0\.1:\d+\/hooks\/healthz: .*ECONNREFUSED/);
  });

  it('takes the user at their word when checking is off, and says so', async () => {
    const tunnel = manual('https://hooks.example.com', false);
    tunnel.start();
    const up = await waitForState(tunnel, 'up');
    expect(up).toMatchObject({ publicUrl: 'https://hooks.example.com', reason: expect.stringContaining('has not checked') });
  });

  it('refuses a URL that is not one', async () => {
    const tunnel = manual('hooks.example.com');
    tunnel.start();
    expect((await waitForState(tunnel, 'error')).reason).toContain('is not a URL');
  });
});
