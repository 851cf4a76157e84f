import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineHarness } from '../test-support/engine-harness';
import { MemoryVault } from '../test-support/memory-vault';
import { EndpointStore } from './endpoint-store';
import { Intake } from './intake';
import type { VerifierSettings } from './verifiers';
import { signedRequest } from './verifiers/signers';
import { signStandardWebhook } from './verifiers/standard-webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let h: ReturnType<typeof engineHarness>;
let intake: Intake;
let base: string;
let endpoints: EndpointStore;
let vault: MemoryVault;

beforeEach(async () => {
  h = engineHarness();
  h.workflows.publish({ id: 'onboarding', name: 'Onboarding', trigger: { endpoint: 'contracts', clientKey: 'trigger.data.id' }, steps: [{ id: 'a', action: 'test.do' }] });
  endpoints = new EndpointStore(h.store.sqlite, h.ledger);
  endpoints.save({ slug: 'contracts', workflowId: 'onboarding', verifier: { provider: 'standard-webhooks' }, secretRefs: ['endpoint.contracts'], enabled: true });
  vault = new MemoryVault();
  await vault.set('endpoint.contracts', SECRET);
  intake = new Intake({ sqlite: h.store.sqlite, ledger: h.ledger, engine: h.engine, commits: h.commits, endpoints, vault, maxBodyBytes: 4096 });
  base = await intake.listen();
});

afterEach(async () => {
  await intake.close();
  await h.close();
});

function signed(body: string, id = 'msg_1', timestamp = Math.floor(Date.now() / 1000)) {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': signStandardWebhook(SECRET, id, timestamp, body),
  };
}

const count = (sql: string) => (h.store.sqlite.prepare(sql).get() as { n: number }).n;

describe('intake', () => {
  it('stores a verified delivery, its run and its ledger entry before answering 200', async () => {
    const body = JSON.stringify({ data: { id: 'C-1' } });
    const res = await fetch(`${base}contracts`, { method: 'POST', headers: signed(body), body });
    expect(res.status).toBe(200);
    const answer = await res.json();
    expect(answer).toMatchObject({ received: true, status: 'accepted' });
    // The answer came after the commit: everything is already on disk.
    const delivery = h.store.sqlite.prepare('SELECT status, run_id AS runId, body FROM deliveries WHERE id = ?').get(answer.deliveryId) as { status: string; runId: string; body: Buffer };
    expect(delivery.status).toBe('accepted');
    expect(delivery.body.toString()).toBe(body);
    expect(h.engine.store.run(delivery.runId)!.clientKey).toBe('C-1');
    expect(count(`SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'delivery.accepted' AND run_id = '${delivery.runId}'`)).toBe(1);
  });

  it('answers a repeated delivery 200, records it as a duplicate, and starts nothing', async () => {
    const body = JSON.stringify({ data: { id: 'C-2' } });
    const first = await (await fetch(`${base}contracts`, { method: 'POST', headers: signed(body, 'msg_dup'), body })).json();
    const again = await fetch(`${base}contracts`, { method: 'POST', headers: signed(body, 'msg_dup'), body });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ status: 'duplicate', runId: first.runId });
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(1);
    expect(count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'duplicate'")).toBe(1);
  });

  it.each([
    ['a wrong signature', () => ({ ...signed('{"a":1}'), 'webhook-signature': 'v1,AAAA' }), '{"a":1}', 401, 'signature'],
    ['a stale timestamp', () => signed('{"a":1}', 'm', Math.floor(Date.now() / 1000) - 3600), '{"a":1}', 401, ' s old (tolerance 300 s)'],
    ['a timestamp from the future', () => signed('{"a":1}', 'm', Math.floor(Date.now() / 1000) + 3600), '{"a":1}', 401, '3600 s in the future'],
    ['no signature at all', () => ({ 'content-type': 'application/json' }), '{"a":1}', 401, 'required'],
    ['a form body', () => ({ ...signed('a=1'), 'content-type': 'application/x-www-form-urlencoded' }), 'a=1', 415, 'content type'],
    ['signed but malformed JSON', () => signed('{"a":'), '{"a":', 400, 'not valid JSON'],
    ['a body over the limit', () => signed('x'.repeat(5000)), 'x'.repeat(5000), 413, 'limit'],
  ])('refuses %s with %#, records why, and starts nothing', async (_name, headers, body, status, words) => {
    const res = await fetch(`${base}contracts`, { method: 'POST', headers: headers() as Record<string, string>, body });
    expect(res.status).toBe(status);
    expect((await res.json()).error).toContain(words);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(0);
    expect(count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'rejected'")).toBe(1);
    expect(count("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'delivery.rejected'")).toBe(1);
  });

  it('answers 404 for an unknown endpoint and for every console path', async () => {
    for (const path of ['hooks/nope', 'api/call/listRuns', 'api/events', '', 'index.html', '?token=x']) {
      const res = await fetch(`${base.replace(/hooks\/$/, '')}${path}`, { method: path.startsWith('api/call') ? 'POST' : 'GET' });
      expect(res.status, path).toBe(404);
    }
    expect((await fetch(`${base.replace(/hooks\/$/, '')}healthz`)).status).toBe(200);
  });

  it('records a 405 (with Allow) for another method and a 404 for an unknown or disabled endpoint, starting nothing', async () => {
    const get = await fetch(`${base}contracts`);
    expect(get.status).toBe(405);
    expect(get.headers.get('allow')).toBe('POST');
    expect((await fetch(`${base}no-such-endpoint`, { method: 'POST', body: '{}' })).status).toBe(404);
    endpoints.save({ slug: 'paused', workflowId: 'onboarding', verifier: { provider: 'standard-webhooks' }, secretRefs: [], enabled: false });
    expect((await fetch(`${base}paused`, { method: 'POST', body: '{}' })).status).toBe(404);
    const reasons = (h.store.sqlite.prepare("SELECT endpoint_slug AS slug, reason FROM deliveries WHERE status = 'rejected' ORDER BY rowid").all() as { slug: string; reason: string }[]);
    expect(reasons).toEqual([
      { slug: 'contracts', reason: 'webhooks must be sent with POST, not GET' },
      { slug: 'no-such-endpoint', reason: 'there is no endpoint "no-such-endpoint" on this Keel' },
      { slug: 'paused', reason: 'the endpoint "paused" is turned off' },
    ]);
    expect(count("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'delivery.rejected'")).toBe(3);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(0);
  });

  it('records at most ten rejections a second per endpoint, and unknown endpoints share one budget', async () => {
    const frozen = new Intake({ sqlite: h.store.sqlite, ledger: h.ledger, engine: h.engine, commits: h.commits, endpoints, vault, now: () => 1_760_000_000_500 });
    const url = await frozen.listen();
    try {
      const answers = await Promise.all(Array.from({ length: 25 }, (_, i) => fetch(`${url}random-${i}`, { method: 'POST', body: '{}' })));
      const bad = await Promise.all(Array.from({ length: 25 }, () => fetch(`${url}contracts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })));
      expect([...answers, ...bad].map((r) => r.status)).toEqual([...Array(25).fill(404), ...Array(25).fill(401)]);
    } finally {
      await frozen.close();
    }
    expect(count("SELECT COUNT(*) AS n FROM deliveries WHERE endpoint_slug LIKE 'random-%'")).toBe(10);
    expect(count("SELECT COUNT(*) AS n FROM deliveries WHERE endpoint_slug = 'contracts'")).toBe(10);
  });

  it('answers 500, recorded with the reason, when the endpoint\'s verifier settings are unusable', async () => {
    const verifier: VerifierSettings = { provider: 'hmac', template: '{timestamp}{body}', header: 'X-Sig' };
    endpoints.save({ slug: 'generic', workflowId: 'onboarding', verifier, secretRefs: ['endpoint.contracts'], enabled: true });
    const res = await fetch(`${base}generic`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(res.status).toBe(500);
    expect((await res.json()).error).toContain('timestampHeader must name');
    expect(count("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'rejected' AND reason LIKE '%hmac settings are not usable%'")).toBe(1);
  });

  it('verifies a scheme that signs the URL against the public URL the tunnel serves, and dedups on its event id', async () => {
    const tunnelled = new Intake({ sqlite: h.store.sqlite, ledger: h.ledger, engine: h.engine, commits: h.commits, endpoints, vault, publicBaseUrl: () => 'https://keel-abc.example/' });
    const url = await tunnelled.listen();
    endpoints.save({ slug: 'crm', workflowId: 'onboarding', verifier: { provider: 'hubspot' }, secretRefs: ['endpoint.contracts'], enabled: true });
    try {
      const body = JSON.stringify([{ eventId: 4242, subscriptionType: 'deal.creation', data: { id: 'C-9' } }]);
      const r = signedRequest('hubspot', { secret: SECRET, body, nowSeconds: Math.floor(Date.now() / 1000), url: 'https://keel-abc.example/hooks/crm?portal=1' });
      const send = () => fetch(`${url}crm?portal=1`, { method: 'POST', headers: r.headers as Record<string, string>, body });
      expect(await (await send()).json()).toMatchObject({ status: 'accepted' });
      expect(await (await send()).json()).toMatchObject({ status: 'duplicate' });
      expect(h.store.sqlite.prepare("SELECT provider_delivery_id AS id FROM deliveries WHERE status = 'accepted'").get()).toEqual({ id: '4242' });
    } finally {
      await tunnelled.close();
    }
  });

  it('answers 503 when the delivery cannot be stored, so the sender retries, and loses nothing it acknowledged', async () => {
    h.store.sqlite.exec("CREATE TRIGGER break_storage BEFORE INSERT ON deliveries WHEN NEW.status = 'accepted' BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const body = JSON.stringify({ data: { id: 'C-3' } });
    const res = await fetch(`${base}contracts`, { method: 'POST', headers: signed(body, 'msg_503'), body });
    expect(res.status).toBe(503);
    expect(count('SELECT COUNT(*) AS n FROM runs')).toBe(0);
    h.store.sqlite.exec('DROP TRIGGER break_storage');
    const retry = await fetch(`${base}contracts`, { method: 'POST', headers: signed(body, 'msg_503'), body });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toMatchObject({ status: 'accepted' });
  });
});
