/**
 * Pausing the intake over real HTTP: while paused every delivery is answered 503 with Retry-After and nothing
 * is stored; resumed, the same delivery is accepted and runs. The pause is an operator action in the ledger
 * (who and why), it is announced to the console, and it survives a restart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConsoleEventName, IntakeStateView } from '../../preload/api';
import { dispatch } from '../console/dispatch';
import { signStandardWebhook } from '../intake/verifiers/standard-webhooks';
import { MemoryVault } from '../test-support/memory-vault';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let keel: Keel;
let dir: string;
const vault = new MemoryVault();
const seen: { event: ConsoleEventName; payload: unknown }[] = [];

const start = async () => {
  seen.length = 0;
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
  keel.events.subscribe((event, payload) => seen.push({ event, payload }));
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-pause-'));
  await start();
}, 30_000);
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const result = await dispatch(keel.handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A signed sample contract, posted the way an e-signature service would. */
function postContract(messageId: string): Promise<Response> {
  const secret = vault.values.get('endpoint.contracts.signing')!;
  const body = JSON.stringify({ type: 'contract.signed', data: { contract_id: messageId, plan: 'standard', client: { company: 'Paused Co', contact_name: 'P', email: 'p@paused.example' } } });
  const ts = Math.floor(Date.now() / 1000);
  return fetch(`${keel.info.intakeUrl}contracts`, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'webhook-id': messageId, 'webhook-timestamp': String(ts), 'webhook-signature': signStandardWebhook(secret, messageId, ts, body) },
  });
}

const count = (sql: string) => (keel.store.sqlite.prepare(sql).get() as { n: number }).n;
const stored = () => ({
  deliveries: count('SELECT COUNT(*) AS n FROM deliveries'),
  runs: count('SELECT COUNT(*) AS n FROM runs'),
  deliveryEntries: count("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind LIKE 'delivery.%'"),
});
const pauseActions = () => (keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'operator.action' ORDER BY seq").all() as { payload: string }[])
  .map((row) => JSON.parse(row.payload) as { action: string; who: string; why: string; before: { paused: boolean }; after: { paused: boolean } })
  .filter((p) => p.action.startsWith('intake.'));

describe('pausing the intake', () => {
  it('receives as usual until paused', async () => {
    expect(await call<IntakeStateView>('getIntakeState')).toEqual({ paused: false, since: null, who: null, why: null, retryAfterSeconds: 60 });
    expect(await (await fetch(`${keel.info.intakeUrl}healthz`)).json()).toEqual({ ok: true });
  });

  it('records who paused it and why, and tells the console', async () => {
    const view = await call<IntakeStateView>('pauseIntake', { actor: { who: 'Dana', why: 'migrating the Stripe account' } });
    expect(view).toMatchObject({ paused: true, who: 'Dana', why: 'migrating the Stripe account', retryAfterSeconds: 60 });
    expect(view.since).toBeGreaterThan(Date.now() - 60_000);
    expect(seen.filter((s) => s.event === 'intake.changed').map((s) => s.payload)).toEqual([view]);
    // Pausing again changes nothing, so nothing more is recorded or announced.
    expect(await call<IntakeStateView>('pauseIntake', { actor: { who: 'Sam', why: 'also pausing' } })).toEqual(view);
    expect(pauseActions()).toEqual([
      { action: 'intake.paused', who: 'Dana', why: 'migrating the Stripe account', before: { paused: false, since: null }, after: { paused: true, retryAfterSeconds: 60 } },
    ]);
    expect(seen.filter((s) => s.event === 'intake.changed')).toHaveLength(1);
  });

  it('refuses a pause or a resume without who and why', async () => {
    expect(await dispatch(keel.handlers, 'resumeIntake', { actor: { who: 'Dana', why: ' ' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(keel.handlers, 'pauseIntake', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(keel.intakePause.paused).toBe(true);
  });

  it('answers every delivery 503 with Retry-After while paused, and stores nothing', async () => {
    const before = stored();
    const refused = await postContract('msg_paused_1');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(await refused.json()).toMatchObject({ paused: true, error: expect.stringContaining('send this delivery again later') });
    // An unknown endpoint too: a paused Keel says nothing about which endpoints exist.
    const unknown = await fetch(`${keel.info.intakeUrl}no-such-endpoint`, { method: 'POST', body: '{}' });
    expect(unknown.status).toBe(503);
    expect(stored()).toEqual(before);
    expect(await (await fetch(`${keel.info.intakeUrl}healthz`)).json()).toEqual({ ok: true, paused: true });
    // Not a /hooks path: still nothing but 404.
    expect((await fetch(new URL('/elsewhere', keel.info.intakeUrl))).status).toBe(404);
  });

  it('stays paused after a restart', async () => {
    await keel.stop();
    await start();
    expect(await call<IntakeStateView>('getIntakeState')).toMatchObject({ paused: true, who: 'Dana', why: 'migrating the Stripe account' });
    const before = stored();
    expect((await postContract('msg_paused_2')).status).toBe(503);
    expect(stored()).toEqual(before);
  }, 30_000);

  it('accepts the sender\'s retry once resumed, and records the resume', async () => {
    const view = await call<IntakeStateView>('resumeIntake', { actor: { who: 'Dana', why: 'migration done' } });
    expect(view).toEqual({ paused: false, since: null, who: null, why: null, retryAfterSeconds: 60 });
    expect(seen.filter((s) => s.event === 'intake.changed').map((s) => s.payload)).toEqual([view]);
    const accepted = await postContract('msg_paused_1');
    expect(accepted.status).toBe(200);
    const answer = (await accepted.json()) as { status: string; runId: string };
    expect(answer.status).toBe('accepted');
    expect(count(`SELECT COUNT(*) AS n FROM runs WHERE id = '${answer.runId}'`)).toBe(1);
    expect(pauseActions().map((p) => [p.action, p.who, p.why])).toEqual([
      ['intake.paused', 'Dana', 'migrating the Stripe account'],
      ['intake.resumed', 'Dana', 'migration done'],
    ]);
  });

  it('is no longer paused after the next restart', async () => {
    await keel.stop();
    await start();
    expect(keel.intakePause.paused).toBe(false);
    expect((await postContract('msg_after_restart')).status).toBe(200);
  }, 30_000);
});
