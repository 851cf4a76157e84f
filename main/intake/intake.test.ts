import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { engineHarness } from '../test-support/engine-harness';
import { MemoryVault } from '../test-support/memory-vault';
import { EndpointStore } from './endpoint-store';
import { Intake } from './intake';
import { signStandardWebhook } from './verifiers/standard-webhooks';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
let h: ReturnType<typeof engineHarness>;
let intake: Intake;
let base: string;

beforeEach(async () => {
  h = engineHarness();
  h.workflows.publish({ id: 'onboarding', name: 'Onboarding', trigger: { endpoint: 'contracts', clientKey: 'trigger.data.id' }, steps: [{ id: 'a', action: 'test.do' }] });
  const endpoints = new EndpointStore(h.store.sqlite, h.ledger);
  endpoints.save({ slug: 'contracts', workflowId: 'onboarding', verifier: { provider: 'standard-webhooks' }, secretRefs: ['endpoint.contracts'], enabled: true });
  const vault = new MemoryVault();
  await vault.set('endpoint.contracts', SECRET);
  intake = new Intake({ sqlite: h.store.sqlite, ledger: h.ledger, engine: h.engine, endpoints, vault, maxBodyBytes: 4096 });
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
    ['a stale timestamp', () => signed('{"a":1}', 'm', Math.floor(Date.now() / 1000) - 3600), '{"a":1}', 401, 's old'],
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
