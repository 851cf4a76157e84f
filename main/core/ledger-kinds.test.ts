/**
 * Every kind of ledger entry is produced by the running system: deliveries (accepted, duplicate, rejected),
 * runs, steps and attempts, HTTP exchanges at the wire, operator actions, configuration changes, breaker
 * changes and notifications — each linked to its run, step, attempt and client where it has them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary, WorkflowDetail } from '../../preload/api';
import type { LedgerKind } from '../ledger/entry';
import { signStandardWebhook } from '../intake/verifiers/standard-webhooks';
import { MemoryVault } from '../test-support/memory-vault';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let keel: Keel;
let dir: string;
const vault = new MemoryVault();
const actor = { who: 'Dana', why: 'ledger coverage' };

async function settled(): Promise<RunSummary[]> {
  for (let i = 0; i < 600; i++) {
    const runs = (await keel.handlers.listRuns({})) as RunSummary[];
    if (runs.every((r) => r.status !== 'running')) return runs;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('runs did not settle');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-kinds-'));
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
});
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('the ledger records everything', () => {
  it('has an entry of every kind after a day in the life of the onboarding workflow', async () => {
    const sandbox = keel.providers.sandbox!;
    // A delivery, then the same delivery again (a provider's retry), and a forged one.
    const secret = vault.values.get('endpoint.contracts.signing')!;
    const body = JSON.stringify({ type: 'contract.signed', data: { contract_id: 'C-KINDS-1', plan: 'enterprise', client: { company: 'Kinds Co', contact_name: 'K', email: 'k@kinds.example' } } });
    const post = (signature?: string) => {
      const ts = Math.floor(Date.now() / 1000);
      return fetch(`${keel.info.intakeUrl}contracts`, { method: 'POST', body, headers: {
        'content-type': 'application/json', 'webhook-id': 'msg_kinds_1', 'webhook-timestamp': String(ts),
        'webhook-signature': signature ?? signStandardWebhook(secret, 'msg_kinds_1', ts, body) } });
    };
    expect((await post()).status).toBe(200);
    expect((await post()).status).toBe(200);
    expect((await post('v1,forged')).status).toBe(401);

    await settled();

    // Google Drive down for a while: its breaker opens; an operator cancels the run that waits on it.
    sandbox.drive.fake.inject({ path: '/drive/v3/files', method: 'POST', times: 5 }, { status: 503 });
    const down = (await keel.handlers.sendDemoContracts({ count: 1, plan: 'enterprise' })) as { deliveries: { contractId: string }[] };
    const opened = () => keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'breaker.changed'").get() as { n: number };
    for (let i = 0; opened().n === 0; i++) {
      if (i > 1_000) throw new Error('the Drive breaker never opened');
      await new Promise((r) => setTimeout(r, 20));
    }
    const waiting = ((await keel.handlers.listRuns({})) as RunSummary[]).find((r) => r.clientKey === down.deliveries[0]!.contractId)!;
    await keel.handlers.cancelRun({ runId: waiting.id, compensate: false, actor });

    // A mistyped email: the run needs a person, and the ops channel hears of it.
    await keel.handlers.sendDemoContracts({ count: 1, plan: 'standard', email: 'not-an-email' });
    const runs = await settled();
    const stuck = runs.find((r) => r.status === 'needs_attention')!;
    expect(stuck).toBeDefined();

    // An operator fixes it; configuration changes.
    await keel.handlers.retryFromStep({ runId: stuck.id, stepId: 'stripe_customer', input: { name: 'Fixed Co', email: 'fixed@fixed.example' }, actor });
    const detail = (await keel.handlers.getWorkflow({ workflowId: 'client-onboarding' })) as WorkflowDetail;
    await keel.handlers.saveWorkflow({ document: detail.document, note: 'no change', actor });
    await keel.handlers.addEndpointSecret({ slug: 'contracts', actor });
    await keel.handlers.setCredential({ connector: 'asana', value: 'asana-token-0001', actor });
    await keel.handlers.removeCredential({ connector: 'asana', actor });
    // The intake paused for a while, and taken back into service.
    await keel.handlers.pauseIntake({ actor: { who: 'Dana', why: 'provider migration' } });
    await keel.handlers.resumeIntake({ actor: { who: 'Dana', why: 'migration done' } });
    await settled();

    const kinds = new Set((keel.store.sqlite.prepare('SELECT DISTINCT kind FROM ledger_entries').all() as { kind: string }[]).map((k) => k.kind));
    const every: LedgerKind[] = [
      'delivery.accepted', 'delivery.duplicate', 'delivery.rejected', 'run.created', 'run.status', 'step.status', 'attempt.started',
      'attempt.finished', 'http.exchange', 'operator.action', 'breaker.changed', 'notification.sent', 'config.changed',
    ];
    expect([...kinds].sort()).toEqual([...every].sort());

    const changes = (keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'config.changed'").all() as { payload: string }[])
      .map((c) => JSON.parse(c.payload).change as string);
    expect(new Set(changes)).toEqual(new Set(['workflow.published', 'endpoint.created', 'endpoint.updated', 'credential.set', 'credential.removed']));

    // Operator actions say who and why, the intake's pause and resume among them.
    const actions = (keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'operator.action' ORDER BY seq").all() as { payload: string }[])
      .map((a) => JSON.parse(a.payload) as { action: string; who: string; why: string });
    expect(new Set(actions.map((a) => a.action))).toEqual(new Set(['cancel_run', 'retry_with_input', 'intake.paused', 'intake.resumed']));
    expect(actions.filter((a) => a.action.startsWith('intake.')).map((a) => [a.action, a.who, a.why])).toEqual([
      ['intake.paused', 'Dana', 'provider migration'], ['intake.resumed', 'Dana', 'migration done'],
    ]);
    expect(actions.every((a) => a.who && a.why)).toBe(true);

    // Links: exchanges to their attempt, attempts and steps to their run, runs to their client.
    const unlinked = keel.store.sqlite.prepare(`SELECT kind, COUNT(*) AS n FROM ledger_entries WHERE
      (kind IN ('http.exchange', 'attempt.started', 'attempt.finished') AND (run_id IS NULL OR step_id IS NULL OR attempt_id IS NULL))
      OR (kind IN ('step.status') AND (run_id IS NULL OR step_id IS NULL))
      OR (kind IN ('run.created', 'run.status') AND (run_id IS NULL OR client_key IS NULL)) GROUP BY kind`).all();
    expect(unlinked).toEqual([]);
  }, 60_000);
});
