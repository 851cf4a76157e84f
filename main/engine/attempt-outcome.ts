/**
 * What an attempt's outcome writes, inside the group commit that records it: the attempt's row and ledger
 * entry, the breaker's count, and the step's next state — succeeded (and the run advanced), queued again after
 * a backoff, or waiting for a person.
 */
import type { StepFailure } from '../connectors/failure';
import type { Ledger } from '../ledger/ledger';
import type { AttemptPlan } from './attempt-call';
import type { BreakerBoard } from './breaker';
import { decideRetry, defaultRetryPolicy } from './retry-policy';
import type { RunState } from './run-state';
import type { RunStore } from './run-store';

export class AttemptOutcomes {
  constructor(
    private readonly o: {
      store: RunStore;
      state: RunState;
      ledger: Ledger;
      breakers: BreakerBoard;
      now: () => number;
      random: () => number;
    },
  ) {}

  succeeded(plan: AttemptPlan, output: unknown, adopted: boolean): void {
    const { store, state, ledger } = this.o;
    const at = this.o.now();
    this.o.breakers.record(plan.connector, 'success', at);
    store.finishAttempt(plan.attemptId, 'succeeded', at, null);
    const step = store.step(plan.runId, plan.stepId)!;
    const patch = { status: 'succeeded' as const, output: JSON.stringify(output ?? null), error: null, finishedAt: at };
    const entry = { kind: 'attempt.finished' as const, at, runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId,
      clientKey: plan.clientKey };
    if (adopted) {
      // Worth a step entry of its own: the reason is what the run's timeline shows for the step.
      ledger.append({ ...entry, payload: { status: 'succeeded', number: plan.number, adopted, output: output ?? null } });
      state.setStep(step, patch, 'adopted what an earlier attempt had created');
    } else {
      // A routine transition: the attempt's entry records the step's move too.
      const moved = state.moveStep(step, patch);
      ledger.append({ ...entry, payload: { status: 'succeeded', number: plan.number, adopted, output: output ?? null, step: moved.change } });
    }
    state.advance(plan.runId);
  }

  failed(plan: AttemptPlan, failure: StepFailure, interrupted: boolean): void {
    const { store, state } = this.o;
    const at = this.o.now();
    // A permanent failure is an answer: the provider is up. Only retryable ones speak of its health.
    this.o.breakers.record(plan.connector, interrupted ? 'other' : failure.kind === 'retryable' ? 'retryable_failure' : 'success', at);
    store.finishAttempt(plan.attemptId, interrupted ? 'interrupted' : 'failed', at, failure);
    this.o.ledger.append({
      kind: 'attempt.finished', at, runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId,
      clientKey: plan.clientKey, payload: { status: interrupted ? 'interrupted' : 'failed', number: plan.number, failure },
    });
    const step = store.step(plan.runId, plan.stepId)!;
    if (store.run(plan.runId)!.status === 'cancelled') {
      state.setStep(step, { status: 'cancelled', error: JSON.stringify(failure), finishedAt: at }, 'the run was cancelled while this attempt was out', at);
      return;
    }
    if (interrupted) {
      state.setStep(step, { status: 'queued', nextAttemptAt: at }, 'interrupted by shutdown; it resumes at the next start');
      return;
    }
    const decision = failure.kind === 'retryable'
      ? decideRetry({
          policy: { ...defaultRetryPolicy, ...plan.definition.retry }, attemptsMade: step.attempts - step.budgetFromAttempt,
          firstAttemptAt: step.budgetStartedAt ?? store.firstAttemptAt(plan.runId, plan.stepId) ?? at, now: at,
          ...(failure.retryAfterMs !== undefined && { retryAfterMs: failure.retryAfterMs }), random: this.o.random,
        })
      : { retry: false as const, reason: 'the failure is permanent' };
    if (decision.retry) {
      state.setStep(step, { status: 'queued', nextAttemptAt: at + decision.delayMs, error: JSON.stringify(failure) },
        `retry in ${decision.delayMs} ms: ${failure.message}`, at);
    } else {
      state.setStep(step, { status: 'needs_attention', error: JSON.stringify(failure), finishedAt: at },
        `${decision.reason}: ${failure.message}`, at);
      state.refreshRunStatus(plan.runId);
    }
  }
}
