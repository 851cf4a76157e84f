import { describe, expect, it } from 'vitest';
import { fail, startedHarnesses } from '../test-support/engine-harness';
import { OperatorRefusal } from './operator';

const harness = startedHarnesses();

const ops = { who: 'Dana (ops)', why: 'the client fixed their email' };
const flow = {
  id: 'flow', name: 'Flow', trigger: { endpoint: 'e', clientKey: 'trigger.id' },
  steps: [
    { id: 'customer', action: 'test.do', input: { email: '{{ trigger.email }}' }, retry: { maxAttempts: 2, initialDelayMs: 1 },
      compensate: { action: 'test.other', input: { remove: '{{ steps.customer.output.id }}' } } },
    { id: 'channel', action: 'test.do', needs: ['customer'], input: { for: '{{ steps.customer.output.id }}' } },
    { id: 'welcome', action: 'test.do', needs: ['channel'] },
  ],
};

const actions = (h: ReturnType<typeof harness>, runId: string) =>
  h.ledgerEntries(runId).filter((e) => e.kind === 'operator.action').map((e) => e.payload);

describe('operator controls', () => {
  it('retries a step that ran out of attempts, now, with a fresh budget and the same key', async () => {
    const h = harness();
    let healthy = false;
    h.scripts.set('customer', () => (healthy ? { id: 'cus_1' } : fail({ kind: 'retryable', code: 'http_503' })));
    h.workflows.publish(flow);
    const runId = h.engine.startRun({ workflowId: 'flow', trigger: { id: 'C-1', email: 'a@b.c' } });
    expect((await h.waitForRun(runId)).status).toBe('needs_attention');
    healthy = true;
    h.operator.retryStepNow(runId, 'customer', ops);
    expect((await h.waitForRun(runId, ['completed'])).status).toBe('completed');
    const keys = new Set(h.calls.filter((c) => c.stepId === 'customer').map((c) => c.ctx.idempotencyKey));
    expect(keys.size).toBe(1);
    expect(actions(h, runId)).toEqual([{ action: 'retry_step', who: ops.who, why: ops.why, before: { status: 'needs_attention' }, after: { status: 'queued' } }]);
  });

  it('retries from a step with edited input: checked first, then that step and what follows run again under new keys', async () => {
    const h = harness();
    h.scripts.set('customer', (call) => ((call.input as { email: string }).email === 'bad' ? fail({ kind: 'permanent', message: 'invalid email' }) : { id: 'cus_2' }));
    h.workflows.publish(flow);
    const runId = h.engine.startRun({ workflowId: 'flow', trigger: { id: 'C-2', email: 'bad' } });
    expect((await h.waitForRun(runId)).status).toBe('needs_attention');
    const firstKey = h.calls[0]!.ctx.idempotencyKey;

    expect(() => h.operator.retryFromStep(runId, 'customer', 'not an object', ops)).toThrow(OperatorRefusal);
    expect(() => h.operator.retryFromStep(runId, 'customer', 'not an object', ops)).toThrow(/input/);

    h.operator.retryFromStep(runId, 'customer', { email: 'good@client.example' }, ops);
    expect((await h.waitForRun(runId, ['completed'])).status).toBe('completed');
    const retried = h.calls.filter((c) => c.stepId === 'customer').at(-1)!;
    expect(retried.input).toEqual({ email: 'good@client.example' });
    expect(retried.ctx.idempotencyKey).not.toBe(firstKey);
    const [action] = actions(h, runId);
    expect(action).toMatchObject({ action: 'retry_with_input', who: ops.who, why: ops.why, before: { input: { email: 'bad' } }, after: { input: { email: 'good@client.example' }, rerun: ['customer', 'channel', 'welcome'] } });
  });

  it('skips a stuck step with a note; what needs it is skipped too, and the run finishes', async () => {
    const h = harness();
    h.scripts.set('channel', () => fail({ kind: 'permanent', code: 'name_taken' }));
    h.workflows.publish(flow);
    const runId = h.engine.startRun({ workflowId: 'flow', trigger: { id: 'C-3', email: 'a@b.c' } });
    await h.waitForRun(runId);
    h.operator.skipStep(runId, 'channel', { who: 'Dana', why: 'the channel was made by hand' });
    expect((await h.waitForRun(runId, ['completed'])).status).toBe('completed');
    expect(h.engine.store.step(runId, 'channel')!.note).toBe('the channel was made by hand');
    expect(h.engine.store.step(runId, 'welcome')!.status).toBe('skipped');
  });

  it('cancels a run: nothing more starts, and the ledger says who and why', async () => {
    const h = harness();
    h.scripts.set('customer', () => fail({ kind: 'retryable', retryAfterMs: 60_000 }));
    h.workflows.publish({ ...flow, steps: [{ ...flow.steps[0]!, retry: { maxAttempts: 50 } }, flow.steps[1]!, flow.steps[2]!] });
    const runId = h.engine.startRun({ workflowId: 'flow', trigger: { id: 'C-4', email: 'a@b.c' } });
    await h.waitFor(() => h.calls.length === 1 && h.engine.store.step(runId, 'customer')!.status === 'queued');
    h.operator.cancelRun(runId, { who: 'Dana', why: 'the contract was withdrawn' });
    expect(h.engine.store.run(runId)!.status).toBe('cancelled');
    expect(h.engine.store.steps(runId).map((s) => s.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect(() => h.operator.cancelRun(runId, ops)).toThrow(/already cancelled/);
    expect(actions(h, runId)).toEqual([expect.objectContaining({ action: 'cancel_run', who: 'Dana', why: 'the contract was withdrawn' })]);
    expect(h.calls).toHaveLength(1);
  });

  it('abandons a finished run with compensation: each undo runs with what the step made, and the run ends cancelled', async () => {
    const h = harness();
    h.scripts.set('customer', () => ({ id: 'cus_9' }));
    h.workflows.publish(flow);
    const runId = h.engine.startRun({ workflowId: 'flow', trigger: { id: 'C-5', email: 'a@b.c' } });
    await h.waitForRun(runId, ['completed']);
    h.operator.cancelRun(runId, { who: 'Dana', why: 'signed by mistake' }, { compensate: true });
    await h.waitForRun(runId, ['cancelled']);
    const undo = h.calls.find((c) => c.stepId === 'undo:customer')!;
    expect(undo.action).toBe('other');
    expect(undo.input).toEqual({ remove: 'cus_9' });
  });

  it('replays a run on its pinned version or on the current one', async () => {
    const h = harness();
    h.workflows.publish(flow);
    const runId = h.engine.startRun({ workflowId: 'flow', trigger: { id: 'C-6', email: 'a@b.c' } });
    await h.waitForRun(runId);
    h.workflows.publish({ ...flow, steps: [flow.steps[0]!] });
    const pinned = h.operator.replayRun(runId, 'pinned', ops);
    const current = h.operator.replayRun(runId, 'current', ops);
    expect(h.engine.store.run(pinned)).toMatchObject({ workflowVersion: 1, replayOf: runId, clientKey: 'C-6' });
    expect(h.engine.store.run(current)).toMatchObject({ workflowVersion: 2, replayOf: runId });
    expect((await h.waitForRun(current)).status).toBe('completed');
  });

  it('replays in bulk by filter and says how many', async () => {
    const h = harness();
    h.scripts.set('customer', (call) => ((call.input as { email: string }).email === 'x' ? fail({ kind: 'permanent' }) : { id: 'c' }));
    h.workflows.publish(flow);
    const runs = ['x', 'ok', 'x'].map((email, i) => h.engine.startRun({ workflowId: 'flow', trigger: { id: `C-${10 + i}`, email } }));
    for (const r of runs) await h.waitForRun(r);
    const replays = h.operator.bulkReplay({ status: 'needs_attention' }, 'pinned', ops);
    expect(replays).toHaveLength(2);
  });

  it('replays only the runs an operator selected, within the filter', async () => {
    const h = harness();
    h.scripts.set('customer', () => fail({ kind: 'permanent' }));
    h.workflows.publish(flow);
    const runs = [0, 1, 2].map((i) => h.engine.startRun({ workflowId: 'flow', trigger: { id: `C-2${i}`, email: 'x' } }));
    for (const r of runs) await h.waitForRun(r);
    const chosen = [runs[0]!, runs[2]!];
    const replays = h.operator.bulkReplay({ status: 'needs_attention', runIds: chosen }, 'pinned', ops);
    expect(new Set(replays.map((id) => h.engine.store.run(id)!.replayOf))).toEqual(new Set(chosen));
    expect(h.operator.bulkReplay({ status: 'completed', runIds: chosen }, 'pinned', ops)).toEqual([]);
  });
});
