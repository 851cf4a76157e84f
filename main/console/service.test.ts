/**
 * The console calls over a real core (sandbox connectors, real SQLite): what a person sees in the payload
 * inspector, the workflow editor, the deliveries list and the needs-attention queue.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunDetail, RunSummary, WorkflowDetail } from '../../preload/api';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { MemoryVault } from '../test-support/memory-vault';
import { dispatch } from './dispatch';

let keel: Keel;
let dir: string;
const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
  const result = await dispatch(keel.handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};
const refusal = async (name: string, input: unknown) => {
  const result = await dispatch(keel.handlers, name, input);
  if (result.ok) throw new Error(`${name} was accepted`);
  return result.error;
};
async function settled(runId: string): Promise<RunDetail> {
  for (let i = 0; i < 500; i++) {
    const detail = await call<RunDetail>('getRun', { runId });
    if (detail.run.status !== 'running') return detail;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('the run did not settle');
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-console-'));
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault: new MemoryVault(), env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
});
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('console calls', () => {
  let run: RunSummary;

  it('shows each attempt\'s request and response as recorded, with credentials redacted', async () => {
    const sent = await call<{ deliveries: { contractId: string }[] }>('sendDemoContracts', { count: 1, plan: 'enterprise' });
    run = (await call<RunSummary[]>('listRuns')).find((r) => r.clientKey === sent.deliveries[0]!.contractId)!;
    await settled(run.id);
    const exchanges = await call<{ connector: string; request: { method: string; url: string; headers: Record<string, string>; body: { text: string } }; response: { status: number } }[]>('listExchanges', { runId: run.id });
    expect(new Set(exchanges.map((e) => e.connector))).toEqual(new Set(['stripe', 'asana', 'slack', 'googleDrive']));
    const stripe = exchanges.find((e) => e.connector === 'stripe' && e.request.method === 'POST')!;
    expect(stripe.request.url).toContain('/v1/customers');
    expect(stripe.request.body.text).toContain(encodeURIComponent(run.clientKey!).replace(/%20/g, '+'));
    expect(stripe.request.headers.authorization).toMatch(/^Bearer \[redacted:[0-9a-f]{8}\]$/);
    expect(stripe.response.status).toBe(200);
  });

  it('lists deliveries, and replays an accepted one as a new run', async () => {
    const [delivery] = await call<{ id: string; status: string; runId: string }[]>('listDeliveries', { endpoint: 'contracts' });
    expect(delivery).toMatchObject({ status: 'accepted', runId: run.id });
    const { runId } = await call<{ runId: string }>('replayDelivery', { deliveryId: delivery!.id, actor: { who: 'Dana', why: 'test replay' } });
    expect((await settled(runId)).run.status).toBe('completed');
  });

  it('checks a workflow document and names each problem by step and field', async () => {
    const detail = await call<WorkflowDetail>('getWorkflow', { workflowId: 'client-onboarding' });
    const doc = structuredClone(detail.document) as { steps: { id: string; action: string; needs?: string[] }[] };
    doc.steps[1]!.action = 'asana.createProjekt';
    doc.steps[2]!.needs = ['nowhere'];
    const check = await call<{ valid: boolean; problems: string[] }>('checkWorkflow', { document: doc });
    expect(check.valid).toBe(false);
    expect(check.problems).toContain('step "asana_project", action: there is no action "asana.createProjekt"');
    expect(check.problems).toContain('step "slack_channel", needs: there is no step "nowhere"');
  });

  it('dry-runs an edited rule against a recorded delivery, then publishes it as a new version', async () => {
    const detail = await call<WorkflowDetail>('getWorkflow', { workflowId: 'client-onboarding' });
    const doc = structuredClone(detail.document) as { steps: { id: string; when?: string }[] };
    doc.steps.find((s) => s.id === 'drive_folder')!.when = "trigger.data.plan in ['enterprise', 'standard']";
    await call('sendDemoContracts', { count: 1, plan: 'standard' });
    const [standard] = await call<{ id: string }[]>('listDeliveries', { endpoint: 'contracts', limit: 1 });
    const dry = await call<{ steps: { stepId: string; outcome: string; input: { name?: string } }[] }>('dryRunWorkflow', { document: doc, deliveryId: standard!.id });
    expect(dry.steps.find((s) => s.stepId === 'drive_folder')).toMatchObject({ outcome: 'run' });
    expect(dry.steps.find((s) => s.stepId === 'drive_folder')!.input.name).toMatch(/\(C-\d{4}-/);
    const saved = await call<WorkflowDetail>('saveWorkflow', { document: doc, note: 'Drive for every plan', actor: { who: 'Dana', why: 'clients asked' } });
    expect(saved.version).toBe(detail.currentVersion + 1);
    expect(saved.versions[0]!.note).toContain('Dana');
    const stale = await refusal('saveWorkflow', { document: { ...doc, steps: [] }, actor: { who: 'Dana', why: 'oops' } });
    expect(stale.code).toBe('invalid_input');
  });

  it('lists runs that need a person, with the reason', async () => {
    for (const r of await call<RunSummary[]>('listRuns')) await settled(r.id); // the fault below is for the next run alone
    keel.providers.sandbox!.stripe.fake.inject({ path: '/v1/customers' }, { status: 400, message: 'Invalid email address' });
    const sent = await call<{ deliveries: { contractId: string }[] }>('sendDemoContracts', { count: 1, plan: 'standard' });
    const stuck = (await call<RunSummary[]>('listRuns')).find((r) => r.clientKey === sent.deliveries[0]!.contractId)!;
    await settled(stuck.id);
    const attention = await call<{ run: { id: string }; reason: string }[]>('listAttention');
    expect(attention.map((a) => a.run.id)).toContain(stuck.id);
    expect(attention.find((a) => a.run.id === stuck.id)!.reason).toContain('Invalid email address');
  });

  it('answers the desktop app\'s settings with "only in the desktop app" in the headless shell', async () => {
    for (const [name, input] of [['getDesktopSettings', {}], ['setStartAtLogin', { enabled: true }]] as const) {
      const error = await refusal(name, input);
      expect(error.code).toBe('unavailable');
      expect(error.message).toMatch(/^Start at login is only in the desktop app: this Keel runs headless/);
    }
  });

  it('pauses and resumes the intake, and says so when asked', async () => {
    const actor = { who: 'Dana', why: 'console test' };
    expect(await call('pauseIntake', { actor })).toMatchObject({ paused: true, who: 'Dana', why: 'console test' });
    expect(await call('getIntakeState')).toMatchObject({ paused: true, who: 'Dana' });
    expect(await call('resumeIntake', { actor })).toMatchObject({ paused: false, who: null });
    expect(await call('getIntakeState')).toMatchObject({ paused: false });
  });

  it('verifies the ledger', async () => {
    expect(await call('verifyLedger')).toMatchObject({ intact: true });
  });
});
