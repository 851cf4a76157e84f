/**
 * The tunnel, configured from the console, through a real localtunnel server on loopback: deliveries reach the
 * intake through it, every console path answers 404 through it, and its transitions are in the ledger.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TunnelView } from '../../preload/api';
import { dispatch } from '../console/dispatch';
import { signStandardWebhook } from '../intake/verifiers/standard-webhooks';
import { MemoryVault } from '../test-support/memory-vault';
import { LT_DOMAIN, startLocaltunnelServer, type LocaltunnelServer } from '../tunnel/testing/localtunnel-server';
import { requestThrough } from '../tunnel/testing/local-servers';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let server: LocaltunnelServer;
let keel: Keel;
let dir: string;
const vault = new MemoryVault();
const actor = { who: 'Dana', why: 'reach Keel from the internet' };

beforeAll(async () => {
  server = await startLocaltunnelServer();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-tunnel-'));
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
}, 30_000);
afterAll(async () => {
  await keel.stop();
  await server.kill();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function tunnelUp(): Promise<TunnelView> {
  for (let i = 0; i < 300; i++) {
    const result = await dispatch(keel.handlers, 'getTunnel', {});
    const view = (result as { ok: true; value: TunnelView }).value;
    if (view.status.state === 'up') return view;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the tunnel did not come up');
}

describe('tunnel', () => {
  it('is off until configured, and refuses settings that are not valid, naming the field', async () => {
    const off = await dispatch(keel.handlers, 'getTunnel', {});
    expect(off).toMatchObject({ ok: true, value: { status: { provider: 'none' } } });
    const bad = await dispatch(keel.handlers, 'configureTunnel', { settings: { provider: 'localtunnel', host: 'not a url' }, actor });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('settings.host') } });
  });

  it('carries signed deliveries to the intake, and nothing of the console', async () => {
    const configured = await dispatch(keel.handlers, 'configureTunnel', { settings: { provider: 'localtunnel', host: server.host, subdomain: 'keel-tunnel-test' }, actor });
    expect(configured.ok).toBe(true);
    const view = await tunnelUp();
    const contracts = view.endpoints.find((e) => e.slug === 'contracts')!;
    expect(contracts.publicUrl).toMatch(/keel-tunnel-test\.lt\.test.*\/hooks\/contracts$/);
    const publicHost = `keel-tunnel-test.${LT_DOMAIN}:${server.port}`;

    const secret = vault.values.get('endpoint.contracts.signing')!;
    const body = JSON.stringify({ type: 'contract.signed', data: { contract_id: 'C-TUN-1', plan: 'standard', client: { company: 'Tunnel Co', contact_name: 'T', email: 't@tunnel.example' } } });
    const ts = Math.floor(Date.now() / 1000);
    const delivered = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: server.port, method: 'POST', path: '/hooks/contracts', agent: false, headers: {
          host: publicHost, 'content-type': 'application/json', 'webhook-id': 'msg_tunnel_1', 'webhook-timestamp': String(ts),
          'webhook-signature': signStandardWebhook(secret, 'msg_tunnel_1', ts, body) } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, body: text }));
        });
        req.on('error', reject);
        req.end(body);
      }, reject);
    });
    expect(delivered.status).toBe(200);
    expect(JSON.parse(delivered.body)).toMatchObject({ status: 'accepted' });

    for (const consolePath of ['/', '/index.html', '/api/call/listRuns', '/api/events', '/?token=x']) {
      const post = consolePath.startsWith('/api/call');
      const answer = await requestThrough(server.port, publicHost, { method: post ? 'POST' : 'GET', path: consolePath, ...(post && { body: '{}' }) });
      expect(answer.status, `${consolePath}: ${answer.body}`).toBe(404);
    }

    const transitions = keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'tunnel.changed'").all() as { payload: string }[];
    expect(transitions.map((t) => JSON.parse(t.payload).to)).toContain('up');
  }, 60_000);
});
