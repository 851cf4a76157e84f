import { describe, expect, it } from 'vitest';
import { fail, startedHarnesses } from '../test-support/engine-harness';
import { OperatorRefusal } from './operator';

const harness = startedHarnesses();

const ops = { who: 'Dana (ops)', why: 'the client typed their email wrong on the contract' };
const flow = {
  id: 'flow', name: 'Flow', trigger: { endpoint: 'e', clientKey: 'trigger.id' },
  steps: [
    { id: 'customer', action: 'test.do', input: { email: '{{ trigger.client.email }}' } },
    { id: 'invite', action: 'test.do', needs: ['customer'], input: { emails: ['{{ trigger.client.email }}'] } },
  ],
};
const badTrigger = { id: 'C-7', plan: 'standard', client: { name: 'Ada', email: 'ada.example' } };
const goodTrigger = { ...badTrigger, client: { ...badTrigger.client, email: 'ada@client.example' } };

/** Fails the step for an email without an @, as a provider refusing it would. */
function stripeLike(h: ReturnType<typeof harness>) {
  h.scripts.set('customer', (call) => ((call.input as { email: string }).email.includes('@') ? { id: 'cus_1' } : fail({ kind: 'permanent', message: 'Invalid email' })));
}

const operatorActions = (h: ReturnType<typeof harness>, runId: string) =>
  h.ledgerEntries(runId).filter((e) => e.kind === 'operator.action').map((e) => e.payload as Record<string, unknown>);

describe('replay with an edited trigger', () => {
  it('starts a new run from the corrected payload, linked to the original, which is cancelled; the ledger says what changed, who and why', async () => {
    const h = harness();
    stripeLike(h);
    h.workflows.publish(flow);
    const original = h.engine.startRun({ workflowId: 'flow', trigger: badTrigger });
    expect((await h.waitForRun(original)).status).toBe('needs_attention');

    const replay = h.operator.replayWithTrigger(original, goodTrigger, ops);
    expect((await h.waitForRun(replay, ['completed'])).status).toBe('completed');
    expect(h.engine.store.run(replay)).toMatchObject({ replayOf: original, clientKey: 'C-7', workflowVersion: 1, deliveryId: null });
    expect(JSON.parse(h.engine.store.run(replay)!.trigger)).toEqual(goodTrigger);
    expect(h.calls.filter((c) => c.ctx.runId === replay).map((c) => c.input)).toEqual([{ email: 'ada@client.example' }, { emails: ['ada@client.example'] }]);

    expect(h.engine.store.run(original)!.status).toBe('cancelled');
    const [replayed, cancelled] = operatorActions(h, original);
    expect(replayed).toEqual({
      action: 'replay_with_edited_trigger', who: ops.who, why: ops.why,
      before: { runId: original, status: 'needs_attention', version: 1 },
      after: { runId: replay, version: 1, changes: [{ path: '$.client.email', before: 'ada.example', after: 'ada@client.example' }], originalCancelled: true },
    });
    expect(cancelled).toMatchObject({ action: 'cancel_run', who: ops.who, why: expect.stringContaining(`replaced by run ${replay}`) });
    expect(h.ledgerEntries(replay).find((e) => e.kind === 'run.created')!.payload).toMatchObject({ replayOf: original });
  });

  it('checks the edit the way the workflow reads it, and starts nothing when it would fail at once', async () => {
    const h = harness();
    stripeLike(h);
    h.workflows.publish(flow);
    const original = h.engine.startRun({ workflowId: 'flow', trigger: badTrigger });
    await h.waitForRun(original);
    const runs = () => (h.store.sqlite.prepare('SELECT count(*) FROM runs').pluck().get() as number);

    const refusal = (trigger: unknown) => {
      try {
        h.operator.replayWithTrigger(original, trigger, ops);
      } catch (error) {
        expect(error).toBeInstanceOf(OperatorRefusal);
        return error as OperatorRefusal;
      }
      throw new Error('the edit was accepted');
    };
    // The first step reads trigger.client.email: a payload without it cannot even build that step's input.
    const missing = refusal({ id: 'C-7', client: { name: 'Ada' } });
    expect(missing.code).toBe('invalid_input');
    expect(missing.message).toMatch(/step "customer", input: .*email/);
    expect(refusal(badTrigger).message).toMatch(/same as the original/);
    expect(() => h.operator.replayWithTrigger('no-such-run', goodTrigger, ops)).toThrow(/There is no run no-such-run/);

    expect(runs()).toBe(1);
    expect(operatorActions(h, original)).toEqual([]);
    expect(h.engine.store.run(original)!.status).toBe('needs_attention');
  });

  it('can keep the original and use the current version; values the user redacts are recorded only as markers', async () => {
    const h = harness();
    stripeLike(h);
    h.workflows.publish(flow);
    const original = h.engine.startRun({ workflowId: 'flow', trigger: badTrigger });
    await h.waitForRun(original);
    h.workflows.publish({ ...flow, steps: [flow.steps[0]!] });

    const redact = <T>(value: T): T => JSON.parse(JSON.stringify(value).replace(/"email":"([^"]*)"/g, (_, email: string) => `"email":"[redacted:${email.length}]"`)) as T;
    const replay = h.operator.replayWithTrigger(original, goodTrigger, ops, { version: 'current', cancelOriginal: false, redact });
    expect((await h.waitForRun(replay, ['completed'])).workflowVersion).toBe(2);
    expect(h.engine.store.run(original)!.status).toBe('needs_attention');
    const [action] = operatorActions(h, original);
    expect(action!.after).toEqual({
      runId: replay, version: 2, originalCancelled: false,
      changes: [{ path: '$.client.email', before: '[redacted:11]', after: '[redacted:18]' }],
    });
    expect(JSON.stringify(h.ledgerEntries(original))).not.toContain('ada@client.example');
  });
});
