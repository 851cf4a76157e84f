/**
 * Provider handshakes over real HTTP to a real intake: each is answered the provider's way, recorded, and
 * starts nothing; Asana's secret is kept through the sink and never written to SQLite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineHarness } from '../test-support/engine-harness';
import { MemoryVault } from '../test-support/memory-vault';
import { EndpointStore } from './endpoint-store';
import { DROPBOX_SIGN_ACKNOWLEDGEMENT } from './handshakes';
import { Intake, type IntakeOptions } from './intake';
import { hmacHex } from './verifiers/hmac';
import { signedRequest } from './verifiers/signers';
import type { InboundRequest, VerifierSettings } from './verifiers';

const ASANA_SECRET = 'b537207f20cbfa02357cf448134da559e8bd39d61597dcd5631b8012eae53e81';
const ASANA: VerifierSettings = { provider: 'hmac', header: 'X-Hook-Signature', hookSecret: true };
let h: ReturnType<typeof engineHarness>;
let intake: Intake;
let base: string;
let vault: MemoryVault;

async function start(verifier: VerifierSettings, secret: string | null, options: Partial<IntakeOptions> = {}) {
  h = engineHarness();
  h.workflows.publish({ id: 'wf', name: 'Workflow', trigger: { endpoint: 'hook' }, steps: [{ id: 'a', action: 'test.do' }] });
  const endpoints = new EndpointStore(h.store.sqlite, h.ledger);
  endpoints.save({ slug: 'hook', workflowId: 'wf', verifier, secretRefs: ['endpoint.hook'], enabled: true });
  vault = new MemoryVault();
  if (secret) await vault.set('endpoint.hook', secret);
  intake = new Intake({ sqlite: h.store.sqlite, ledger: h.ledger, engine: h.engine, commits: h.commits, endpoints, vault, ...options });
  base = await intake.listen();
}

afterEach(async () => {
  await intake.close();
  await h.close();
});

const count = (sql: string) => (h.store.sqlite.prepare(sql).get() as { n: number }).n;
const post = (r: InboundRequest) => fetch(`${base.replace(/\/hooks\/$/, '')}${r.url}`, { method: 'POST', headers: r.headers as Record<string, string>, body: new Uint8Array(r.body) });
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('Slack url_verification', () => {
  const body = JSON.stringify({ token: 'legacy', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' });

  it('answers the challenge once the signature checks out, records it, and starts nothing', async () => {
    await start({ provider: 'slack' }, 'slack-signing-secret');
    const res = await post(signedRequest('slack', { secret: 'slack-signing-secret', body, nowSeconds: nowSeconds(), url: 'https://x.example/hooks/hook' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(0);
    const row = h.store.sqlite.prepare('SELECT status, reason, run_id AS runId FROM deliveries').get() as { status: string; reason: string; runId: null };
    expect(row).toEqual({ status: 'accepted', reason: expect.stringContaining('url_verification'), runId: null });
    expect(count(`SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'delivery.accepted' AND payload LIKE '%slack.url_verification%'`)).toBe(1);
  });

  it('gives no challenge to an unsigned request', async () => {
    await start({ provider: 'slack' }, 'slack-signing-secret');
    const res = await post(signedRequest('slack', { secret: 'not-the-secret', body, nowSeconds: nowSeconds(), url: 'https://x.example/hooks/hook' }));
    expect(res.status).toBe(401);
    expect(JSON.stringify(await res.json())).not.toContain('3eZbrw1a');
  });
});

describe('Asana X-Hook-Secret', () => {
  const handshake = (secret = ASANA_SECRET) => fetch(`${base}hook`, { method: 'POST', headers: { 'x-hook-secret': secret } });

  it('echoes the secret, keeps it through the sink, records its arrival but never its value, and then verifies with it', async () => {
    const stored: [string, string][] = [];
    await start(ASANA, null, { onHookSecret: async (slug, secret) => { stored.push([slug, secret]); await vault.set('endpoint.hook', secret); } });
    const res = await handshake();
    expect(res.status).toBe(200);
    expect(res.headers.get('x-hook-secret')).toBe(ASANA_SECRET);
    expect(stored).toEqual([['hook', ASANA_SECRET]]);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'accepted' AND reason LIKE 'handshake: X-Hook-Secret%'`)).toBe(1);
    // Not in any column of any table, not even as a header.
    const dump = h.store.sqlite.prepare("SELECT group_concat(headers || ' ' || COALESCE(reason, ''), ' ') AS t FROM deliveries").get() as { t: string };
    const ledger = h.store.sqlite.prepare("SELECT group_concat(payload, ' ') AS t FROM ledger_entries").get() as { t: string };
    expect(`${dump.t} ${ledger.t}`).not.toContain(ASANA_SECRET);

    const body = JSON.stringify({ events: [{ action: 'changed', resource: { gid: '1' } }] });
    const event = await fetch(`${base}hook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hook-signature': hmacHex(ASANA_SECRET, body) }, body });
    expect(event.status).toBe(200);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(1);
  });

  it('refuses a second handshake once the endpoint has a secret, so nobody can replace it', async () => {
    let calls = 0;
    await start(ASANA, 'the-first-secret-from-asana', { onHookSecret: async () => { calls++; } });
    const res = await handshake('an-attacker-chosen-secret-value');
    expect(res.status).toBe(409);
    expect(res.headers.get('x-hook-secret')).toBeNull();
    expect(calls).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'rejected' AND reason LIKE '%already has a signing secret%'`)).toBe(1);
  });

  it('is refused by an endpoint that does not ask for it, and when Keel has nowhere to keep the secret', async () => {
    let calls = 0;
    await start({ provider: 'github' }, null, { onHookSecret: async () => { calls++; } });
    expect((await handshake()).status).toBe(401);
    expect(calls).toBe(0);
    await intake.close();
    await h.close();
    await start(ASANA, null);
    const res = await handshake();
    expect(res.status).toBe(503);
    expect((await res.json()).error).toContain('cannot store handshake secrets');
  });

  it('is refused after the time the endpoint allowed for it', async () => {
    let calls = 0;
    await start({ ...ASANA, hookSecretUntil: Date.now() - 1000 }, null, { onHookSecret: async () => { calls++; } });
    const res = await handshake();
    expect(res.status).toBe(403);
    expect((await res.json()).error).toContain('time allowed');
    expect(calls).toBe(0);
    await intake.close();
    await h.close();
    await start({ ...ASANA, hookSecretUntil: Date.now() + 60_000 }, null, { onHookSecret: async () => { calls++; } });
    expect((await handshake()).status).toBe(200);
    expect(calls).toBe(1);
  });

  it('answers 503 and records nothing accepted when the sink cannot store the secret', async () => {
    await start(ASANA, null, { onHookSecret: async () => { throw new Error('keychain locked'); } });
    const res = await handshake();
    expect(res.status).toBe(503);
    expect(res.headers.get('x-hook-secret')).toBeNull();
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'accepted'`)).toBe(0);
  });
});

describe('Dropbox Sign', () => {
  const API_KEY = 'dropbox-sign-api-key-0123456789';
  const event = (type: string, id = 'sr-1') => JSON.stringify({ event: { event_type: type, event_metadata: {} }, signature_request: { signature_request_id: id } });
  // A provider's retry repeats the event as first sent, event_time included: sign with a time fixed per test.
  let eventTime = nowSeconds();
  beforeEach(() => {
    eventTime = nowSeconds();
  });
  const send = (type: string, id?: string) => post(signedRequest('dropbox-sign', { secret: API_KEY, body: event(type, id), nowSeconds: eventTime, url: 'https://x.example/hooks/hook' }));

  it('answers accepted and duplicate deliveries with exactly "Hello API Event Received", starting one run', async () => {
    await start({ provider: 'dropbox-sign' }, API_KEY);
    const first = await send('signature_request_all_signed');
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/plain');
    expect(await first.text()).toBe(DROPBOX_SIGN_ACKNOWLEDGEMENT);
    const again = await send('signature_request_all_signed');
    expect(await again.text()).toBe(DROPBOX_SIGN_ACKNOWLEDGEMENT);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(1);
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE status = 'duplicate'`)).toBe(1);
    // The trigger is the event itself, not the form it came in.
    const run = h.store.sqlite.prepare('SELECT trigger FROM runs').get() as { trigger: string };
    expect(JSON.parse(run.trigger)).toMatchObject({ signature_request: { signature_request_id: 'sr-1' } });
  });

  it('acknowledges callback_test without starting anything, and refuses a bad hash with a JSON reason', async () => {
    await start({ provider: 'dropbox-sign' }, API_KEY);
    const test = await send('callback_test');
    expect(await test.text()).toBe(DROPBOX_SIGN_ACKNOWLEDGEMENT);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(0);
    expect(count(`SELECT COUNT(*) AS n FROM deliveries WHERE reason LIKE '%callback_test%'`)).toBe(1);
    const forged = await post(signedRequest('dropbox-sign', { secret: 'wrong-key', body: event('signature_request_signed'), nowSeconds: nowSeconds(), url: 'https://x.example/hooks/hook' }));
    expect(forged.status).toBe(401);
    expect((await forged.json()).error).toContain('API key');
  });
});
