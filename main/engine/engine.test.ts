import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../../db';
import { engineHarness, fail } from '../test-support/engine-harness';
import { WorkflowValidationError } from './workflow';

type Harness = ReturnType<typeof engineHarness>;
const open: Harness[] = [];
function harness(options?: Parameters<typeof engineHarness>[0]) {
  const h = engineHarness(options);
  open.push(h);
  return h;
}
afterEach(async () => {
  // Newest first: a reopened store closes before the folder under it is removed.
  for (const h of open.splice(0).reverse()) await h.close();
});

/** The onboarding shape: one first step, two parallel branches, a conditional branch. */
const onboarding = {
  id: 'onboarding',
  name: 'Onboarding',
  trigger: { endpoint: 'contracts', clientKey: 'trigger.id' },
  steps: [
    { id: 'customer', action: 'test.do', input: { name: '{{ trigger.name }}' } },
    { id: 'project', action: 'test.do', needs: ['customer'], input: { customer: '{{ steps.customer.output.id }}' } },
    { id: 'channel', action: 'test.do', needs: ['customer'] },
    { id: 'invite', action: 'test.do', needs: ['channel'] },
    { id: 'folder', action: 'test.do', needs: ['customer'], when: "trigger.plan == 'enterprise'" },
    { id: 'share', action: 'test.do', needs: ['folder'] },
  ],
};

describe('engine', () => {
  it('runs steps after what they need, passes outputs along, and completes the run', async () => {
    const h = harness();
    h.scripts.set('customer', () => ({ id: 'cus_1' }));
    h.workflows.publish(onboarding);
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-1', name: 'Acme', plan: 'enterprise' } });
    const run = await h.waitForRun(runId);
    expect(run.status).toBe('completed');
    expect(run.clientKey).toBe('C-1');
    const order = h.calls.map((c) => c.stepId);
    expect(order[0]).toBe('customer');
    expect(order.indexOf('invite')).toBeGreaterThan(order.indexOf('channel'));
    expect(order.indexOf('share')).toBeGreaterThan(order.indexOf('folder'));
    expect(h.calls.find((c) => c.stepId === 'project')!.input).toEqual({ customer: 'cus_1' });
    expect(h.calls.find((c) => c.stepId === 'customer')!.input).toEqual({ name: 'Acme' });
  });

  it('skips a step whose condition is false, and what needs it, recording why', async () => {
    const h = harness();
    h.workflows.publish(onboarding);
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-2', name: 'Beta', plan: 'standard' } });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    const steps = Object.fromEntries(h.engine.store.steps(runId).map((s) => [s.stepId, s.status]));
    expect(steps).toMatchObject({ folder: 'skipped', share: 'skipped', invite: 'succeeded' });
    const reasons = h.ledgerEntries(runId).filter((e) => e.kind === 'step.status' && e.payload.to === 'skipped').map((e) => e.payload.reason);
    expect(reasons).toEqual(["its condition `trigger.plan == 'enterprise'` is false", 'it needs "folder", which was skipped']);
    expect(h.calls.map((c) => c.stepId)).not.toContain('folder');
  });

  it('retries a transient failure with the same idempotency key until it succeeds', async () => {
    const h = harness();
    h.scripts.set('customer', (_call, nth) => (nth < 3 ? fail({ kind: 'retryable', code: 'http_503' }) : { id: 'cus_9' }));
    h.workflows.publish({ ...onboarding, steps: [{ ...onboarding.steps[0], retry: { initialDelayMs: 5 } }] });
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-3', name: 'Gamma' } });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    const attempts = h.engine.store.attempts(runId);
    expect(attempts.map((a) => a.status)).toEqual(['failed', 'failed', 'succeeded']);
    expect(new Set(attempts.map((a) => a.idempotencyKey)).size).toBe(1);
    expect(new Set(h.calls.map((c) => c.ctx.idempotencyKey))).toEqual(new Set([attempts[0]!.idempotencyKey]));
  });

  it('waits at least as long as Retry-After asks before the next attempt', async () => {
    const h = harness({ random: () => 0 });
    h.scripts.set('customer', (_c, nth) => (nth === 1 ? fail({ kind: 'retryable', code: 'rate_limited', retryAfterMs: 120 }) : { id: 'ok' }));
    h.workflows.publish({ ...onboarding, steps: [onboarding.steps[0]] });
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-4', name: 'Delta' } });
    await h.waitForRun(runId);
    const entries = h.ledgerEntries(runId);
    const failed = entries.find((e) => e.kind === 'attempt.finished' && e.payload.status === 'failed')!;
    const requeued = entries.find((e) => e.kind === 'step.status' && e.payload.to === 'queued' && e.payload.dueAt && e.at >= failed.at)!;
    expect(requeued.payload.dueAt - requeued.at).toBe(120);
    const second = entries.filter((e) => e.kind === 'attempt.started')[1]!;
    expect(second.at).toBeGreaterThanOrEqual(requeued.payload.dueAt);
  });

  it('sends a permanent failure to needs attention without spending retries, and holds what needs it', async () => {
    const h = harness();
    h.scripts.set('channel', () => fail({ kind: 'permanent', code: 'invalid_name', message: 'Slack answered invalid_name' }));
    h.workflows.publish(onboarding);
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-5', name: 'Eps', plan: 'standard' } });
    expect((await h.waitForRun(runId, ['needs_attention'])).status).toBe('needs_attention');
    const channel = h.engine.store.step(runId, 'channel')!;
    expect(channel.status).toBe('needs_attention');
    expect(channel.attempts).toBe(1);
    expect(JSON.parse(channel.error!).message).toBe('Slack answered invalid_name');
    expect(h.engine.store.step(runId, 'invite')!.status).toBe('pending');
  });

  it('fails a step whose mapping reads a missing field, naming the step and field, without crashing', async () => {
    const h = harness();
    h.workflows.publish(onboarding);
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-6', plan: 'standard' } });
    expect((await h.waitForRun(runId)).status).toBe('needs_attention');
    const error = JSON.parse(h.engine.store.step(runId, 'customer')!.error!);
    expect(error.message).toContain('step "customer"');
    expect(error.message).toContain('name');
    // The engine still runs other runs afterwards.
    const next = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-7', name: 'Zeta', plan: 'standard' } });
    expect((await h.waitForRun(next)).status).toBe('completed');
  });

  it('pins a run to the version it started with', async () => {
    const h = harness();
    h.workflows.publish(onboarding);
    h.scripts.set('customer', () => new Promise(() => {})); // holds the first run on its first step
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-8', name: 'Eta', plan: 'standard' } });
    const v2 = h.workflows.publish({ ...onboarding, steps: [onboarding.steps[0]] });
    expect(v2.version).toBe(2);
    expect(h.engine.store.run(runId)!.workflowVersion).toBe(1);
    expect(h.engine.store.steps(runId)).toHaveLength(6);
    h.scripts.delete('customer');
    const later = h.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-9', name: 'Theta' } });
    expect(h.engine.store.run(later)!.workflowVersion).toBe(2);
    expect(h.engine.store.steps(later)).toHaveLength(1);
  });

  it('after a crash mid-call, resumes the attempt with the same key and reconciles instead of repeating', async () => {
    const first = harness();
    first.workflows.publish({ ...onboarding, steps: [onboarding.steps[0]] });
    first.scripts.set('customer', () => new Promise(() => {})); // the process "dies" while the call is out
    first.engine.start();
    const runId = first.engine.startRun({ workflowId: 'onboarding', trigger: { id: 'C-10', name: 'Iota' } });
    await first.waitFor(() => first.calls.length === 1);
    expect(first.engine.store.step(runId, 'customer')!.status).toBe('running');
    const lostKey = first.calls[0]!.ctx.idempotencyKey;

    // A new process opens the same file. The first one never finished its call and never will.
    const second = engineHarness({ store: reopen(first.store) });
    open.push(second);
    second.reconciles.set('customer', () => ({ id: 'cus_found', adopted: true }));
    second.engine.start();
    expect((await second.waitForRun(runId)).status).toBe('completed');
    const attempts = second.engine.store.attempts(runId);
    expect(attempts.map((a) => a.status)).toEqual(['interrupted', 'succeeded']);
    expect(attempts[1]!.idempotencyKey).toBe(lostKey);
    expect(second.calls).toHaveLength(0); // adopted: the create was not sent again
    expect(JSON.parse(second.engine.store.step(runId, 'customer')!.output!)).toEqual({ id: 'cus_found', adopted: true });
  });

  it('reports a store that fails while scheduling and tries again, instead of crashing Keel', async () => {
    const h = harness();
    h.workflows.publish({ id: 'one', name: 'One', trigger: { endpoint: 'one' }, steps: [{ id: 'only', action: 'test.do', input: {} }] });
    const nextDueAt = h.engine.store.nextDueAt.bind(h.engine.store);
    let failures = 1;
    h.engine.store.nextDueAt = () => {
      if (failures-- > 0) throw new Error('SQLITE_IOERR: disk I/O error');
      return nextDueAt();
    };
    h.engine.start();
    const runId = h.engine.startRun({ workflowId: 'one', trigger: {} });
    expect((await h.waitForRun(runId)).status).toBe('completed');
    expect(h.errors.map((e) => (e as Error).message)).toEqual(['SQLITE_IOERR: disk I/O error']);
    expect(h.calls).toHaveLength(1);
  });

  it('refuses a workflow whose steps wait on each other, naming them', () => {
    const h = harness();
    const cyclic = { ...onboarding, steps: [{ id: 'a', action: 'test.do', needs: ['b'] }, { id: 'b', action: 'test.do', needs: ['a'] }] };
    expect(() => h.workflows.publish(cyclic)).toThrow(WorkflowValidationError);
    expect(() => h.workflows.publish(cyclic)).toThrow(/a -> b -> a|b -> a -> b/);
  });

  it('never runs a step before its needs, nor any step twice, whatever the graph and the failures', async () => {
    const h = harness({ concurrency: 4 });
    h.engine.start();
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.array(fc.nat(5), { maxLength: 3 }), fc.boolean()), { minLength: 1, maxLength: 6 }),
        async (shape) => {
          const steps = shape.map(([needs, flaky], i) => ({
            id: `s${i}`, action: 'test.do', retry: { initialDelayMs: 1, maxAttempts: 3 },
            needs: [...new Set(needs.filter((n) => n < i).map((n) => `s${n}`))],
            input: { flaky },
          }));
          h.workflows.publish({ id: 'prop', name: 'Property', trigger: { endpoint: 'p' }, steps });
          const successes: { stepId: string; seq: number }[] = [];
          h.scripts.set('*do', (call, nth) => {
            if ((call.input as { flaky: boolean }).flaky && nth === 1) fail({ kind: 'retryable' });
            successes.push({ stepId: call.stepId, seq: call.seq });
            return { done: call.stepId };
          });
          const runId = h.engine.startRun({ workflowId: 'prop', trigger: {} });
          await h.waitForRun(runId);
          for (const call of h.calls.filter((c) => c.ctx.runId === runId)) {
            const needs = steps.find((s) => s.id === call.stepId)!.needs;
            if (!needs.every((n) => successes.some((x) => x.stepId === n && x.seq < call.seq))) return false;
          }
          const perStep = steps.map((s) => successes.filter((x) => x.stepId === s.id).length);
          return h.engine.store.run(runId)!.status === 'completed' && perStep.every((n) => n === 1);
        },
      ),
      { numRuns: 40 },
    );
  });
});

/** Same file, new connection: what a restarted process sees. */
function reopen(store: ReturnType<typeof engineHarness>['store']) {
  const again = openDb(store.file, { durability: 'normal' });
  return { ...again, dir: store.dir, cleanup: () => again.close() };
}
