/**
 * How runs and steps change state, inside the caller's transaction: queueing or skipping steps whose needs are
 * done, settling the run's status, and writing the ledger entry that says why. Shared by the scheduler and the
 * operator controls, so a step moves the same way whoever moves it.
 */
import type { RunStatus, StepStatus } from '../../preload/api';
import type { StepFailure } from '../connectors/failure';
import type { Ledger } from '../ledger/ledger';
import { evaluateCondition, type ExpressionError, type ExpressionScope } from './expressions';
import type { RunStore, StepRow } from './run-store';
import { stepDefinition, UNDO_PREFIX } from './workflow';
import type { WorkflowStore } from './workflow-store';

export const DONE: ReadonlySet<StepStatus> = new Set(['succeeded', 'skipped']);

export interface RunTransition {
  runId: string;
  from: RunStatus;
  to: RunStatus;
}

export class RunState {
  private readonly transitionListeners = new Set<(t: RunTransition) => void>();

  constructor(
    private readonly store: RunStore,
    private readonly ledger: Ledger,
    private readonly workflows: WorkflowStore,
    private readonly now: () => number,
  ) {}

  /**
   * Called inside the transaction that changes a run's status, so what it writes (a notification to send)
   * commits with the change or not at all.
   */
  onTransition(listener: (t: RunTransition) => void): () => void {
    this.transitionListeners.add(listener);
    return () => this.transitionListeners.delete(listener);
  }

  /** Queues or skips every pending step whose needs are done, cascading, then settles the run's status. */
  advance(runId: string): void {
    const run = this.store.run(runId)!;
    if (run.status === 'cancelled') return; // nothing new starts in a cancelled run
    const doc = this.workflows.get(run.workflowId, run.workflowVersion);
    const steps = new Map(this.store.steps(runId).map((s) => [s.stepId, s]));
    const definitions = [...steps.keys()].map((id) => stepDefinition(doc, id)).filter((d) => d !== undefined);
    let scope: ExpressionScope | undefined;
    for (let changed = true; changed; ) {
      changed = false;
      for (const definition of definitions) {
        const step = steps.get(definition.id)!;
        if (step.status !== 'pending') continue;
        const needs = definition.needs.map((id) => steps.get(id)!);
        if (!needs.every((n) => DONE.has(n.status))) continue;
        changed = true;
        const skippedNeed = needs.find((n) => n.status === 'skipped');
        let next: Partial<StepRow>;
        let reason: string;
        if (skippedNeed) {
          next = { status: 'skipped', finishedAt: this.now() };
          reason = `it needs "${skippedNeed.stepId}", which was skipped`;
        } else if (definition.when) {
          scope ??= this.scope(runId, run.trigger);
          try {
            const go = evaluateCondition(definition.when, scope);
            next = go ? { status: 'queued', nextAttemptAt: this.now() } : { status: 'skipped', finishedAt: this.now() };
            reason = go ? `its condition \`${definition.when}\` is true` : `its condition \`${definition.when}\` is false`;
          } catch (error) {
            const failure: StepFailure = { kind: 'permanent', code: 'condition_failed',
              message: `step "${definition.id}", when: ${(error as ExpressionError).message}` };
            next = { status: 'needs_attention', error: JSON.stringify(failure), finishedAt: this.now() };
            reason = failure.message;
          }
        } else {
          next = { status: 'queued', nextAttemptAt: this.now() };
          reason = definition.needs.length ? 'the steps it needs are done' : 'the run started';
        }
        steps.set(definition.id, this.setStep(step, next, reason));
      }
    }
    this.refreshRunStatus(runId, [...steps.values()], run);
  }

  refreshRunStatus(runId: string, steps = this.store.steps(runId), run = this.store.run(runId)!): void {
    if (run.status === 'cancelled') return;
    // An abandoned run with compensation is judged by its undo steps alone, and ends cancelled.
    const undo = steps.filter((s) => s.stepId.startsWith(UNDO_PREFIX));
    const judged = undo.length ? undo : steps;
    let status: RunStatus = 'running';
    if (judged.every((s) => DONE.has(s.status))) status = undo.length ? 'cancelled' : 'completed';
    else if (judged.some((s) => s.status === 'needs_attention')) status = 'needs_attention';
    const at = this.now();
    if (status === run.status) {
      this.store.touchRun(runId, at);
      return;
    }
    this.setRunStatus(runId, run.status, status, run.clientKey, at);
  }

  /** Moves a run to `to`, recording it, and tells the transition listeners (still inside the transaction). */
  setRunStatus(runId: string, from: RunStatus, to: RunStatus, clientKey: string | null, at = this.now(), reason?: string): void {
    const finishedAt = to === 'completed' || to === 'cancelled' ? at : null;
    this.store.setRunStatus(runId, to, at, finishedAt);
    this.ledger.append({ kind: 'run.status', at, runId, clientKey, payload: { from, to, ...(reason && { reason }) } });
    for (const listener of this.transitionListeners) listener({ runId, from, to });
  }

  /** Writes a step's new state and, when its status changes, the ledger entry saying why. */
  setStep(step: StepRow, patch: Partial<StepRow>, reason: string | null, at = this.now()): StepRow {
    const next: StepRow = { ...step, ...patch };
    this.store.saveStep(next);
    if (next.status !== step.status || reason) {
      this.ledger.append({
        kind: 'step.status', at, runId: step.runId, stepId: step.stepId,
        payload: { from: step.status, to: next.status, reason, ...(next.nextAttemptAt !== null && next.status === 'queued' && { dueAt: next.nextAttemptAt }) },
      });
    }
    return next;
  }

  /**
   * Writes a step's new state when the caller's own ledger entry records the change: an attempt's start or
   * finish carries `step: { from, to }`, so a routine transition costs one entry, not two.
   */
  moveStep(step: StepRow, patch: Partial<StepRow>): { row: StepRow; change: { from: StepStatus; to: StepStatus } } {
    const row: StepRow = { ...step, ...patch };
    this.store.saveStep(row);
    return { row, change: { from: step.status, to: row.status } };
  }

  scope(runId: string, triggerJson: string): ExpressionScope {
    const steps: ExpressionScope['steps'] = {};
    for (const s of this.store.steps(runId)) {
      if (s.status === 'succeeded') steps[s.stepId] = { output: s.output === null ? null : JSON.parse(s.output) };
    }
    return { trigger: JSON.parse(triggerJson), steps };
  }

}
