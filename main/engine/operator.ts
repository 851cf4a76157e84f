/**
 * What an operator can do to a run: retry a step now, retry from a step with edited input, skip a step, cancel,
 * abandon with compensation, replay. Each is one transaction that changes the state and appends an
 * `operator.action` entry saying who did it, why, and what was there before and after.
 */
import type Database from 'better-sqlite3';
import type { RunStatus, StepStatus } from '../../preload/api';
import type { ConnectorRegistry } from '../connectors/connector';
import type { Ledger } from '../ledger/ledger';
import type { Engine } from './engine';
import type { StepRow } from './run-store';
import { ancestors, stepDefinition, UNDO_PREFIX } from './workflow';
import type { WorkflowStore } from './workflow-store';
import { OperatorRefusal } from './operator-refusal';
import { replayWithEditedTrigger, type TriggerReplayOptions } from './trigger-replay';
import { checkActionInput } from './step-judgement';

export interface Actor {
  /** Who acted (a name the team recognises). */
  who: string;
  /** Why, in their words: it goes into the ledger. */
  why: string;
}

export { OperatorRefusal };

export interface ReplayFilter {
  status?: RunStatus;
  workflowId?: string;
  clientKey?: string;
  from?: number;
  to?: number;
  /** Only these runs (an operator's selection), within the rest of the filter. */
  runIds?: string[];
}

const UNFINISHED: ReadonlySet<StepStatus> = new Set(['pending', 'queued', 'needs_attention']);

export class OperatorControls {
  constructor(
    private readonly engine: Engine,
    private readonly sqlite: Database.Database,
    private readonly ledger: Ledger,
    private readonly workflows: WorkflowStore,
    private readonly registry: ConnectorRegistry,
    private readonly now: () => number = Date.now,
  ) {}

  /** Sends a waiting or stuck step again now, with a fresh retry budget and the same idempotency key. */
  retryStepNow(runId: string, stepId: string, actor: Actor): void {
    this.act(runId, (at) => {
      const step = this.step(runId, stepId);
      if (step.status !== 'needs_attention' && step.status !== 'queued') {
        throw new OperatorRefusal('conflict', `Step "${stepId}" is ${step.status.replace('_', ' ')}; only a waiting step or one that needs attention can be retried.`);
      }
      this.engine.state.setStep(step, { status: 'queued', nextAttemptAt: at, finishedAt: null, budgetFromAttempt: step.attempts, budgetStartedAt: at },
        `${actor.who} asked to retry it now`, at);
      this.record(runId, stepId, 'retry_step', actor, { status: step.status }, { status: 'queued' }, at);
    });
  }

  /**
   * Runs a step again with the input an operator edited, and every step after it. The input is checked against
   * the action's schema first. The changed steps get new idempotency keys: their calls are new calls.
   */
  retryFromStep(runId: string, stepId: string, input: unknown, actor: Actor): void {
    this.act(runId, (at) => {
      const run = this.engine.store.run(runId)!;
      const doc = this.workflows.get(run.workflowId, run.workflowVersion);
      const definition = stepDefinition(doc, stepId);
      if (!definition) throw new OperatorRefusal('not_found', `Run ${runId} has no step "${stepId}".`);
      const checked = checkActionInput(this.registry, definition.action, input);
      if (!checked.ok) throw new OperatorRefusal('invalid_input', `The edited input for "${stepId}" is not valid: ${checked.message}.`);
      const affected = [stepId, ...doc.steps.filter((s) => ancestors(doc, s.id).has(stepId)).map((s) => s.id)];
      const rows = affected.map((id) => this.step(runId, id));
      const busy = rows.find((r) => r.status === 'running');
      if (busy) throw new OperatorRefusal('conflict', `Step "${busy.stepId}" has an attempt out right now; wait for it to finish, then retry.`);
      const before = this.step(runId, stepId);
      for (const row of rows) {
        const first = row.stepId === stepId;
        this.engine.state.setStep(row, {
          status: first ? 'queued' : 'pending', nextAttemptAt: first ? at : null, generation: row.generation + 1,
          input: first ? JSON.stringify(checked.input) : null, output: null, error: null, finishedAt: null,
          budgetFromAttempt: row.attempts, budgetStartedAt: at,
        }, first ? `${actor.who} retried it with edited input` : `${actor.who} retried "${stepId}", which it follows`, at);
      }
      this.record(runId, stepId, 'retry_with_input', actor, { input: json(before.input), status: before.status }, { input: checked.input, rerun: affected }, at);
    });
  }

  /** Marks a step skipped with the operator's note; what needs it is skipped too. */
  skipStep(runId: string, stepId: string, actor: Actor): void {
    this.act(runId, (at) => {
      const step = this.step(runId, stepId);
      if (!UNFINISHED.has(step.status)) {
        throw new OperatorRefusal('conflict', `Step "${stepId}" is ${step.status.replace('_', ' ')}; only a step that has not finished can be skipped.`);
      }
      this.engine.state.setStep(step, { status: 'skipped', note: actor.why, finishedAt: at, nextAttemptAt: null }, `${actor.who} skipped it: ${actor.why}`, at);
      this.engine.state.advance(runId);
      this.record(runId, stepId, 'skip_step', actor, { status: step.status }, { status: 'skipped' }, at);
    });
  }

  /**
   * Stops a run: nothing new starts; an attempt already out finishes and is recorded. With `compensate`, the
   * compensations of every step that succeeded run (in reverse order) and the run ends cancelled when they do.
   */
  cancelRun(runId: string, actor: Actor, options: { compensate?: boolean } = {}): void {
    this.act(runId, (at) => {
      const run = this.engine.store.run(runId)!;
      if (run.status === 'cancelled' || (run.status === 'completed' && !options.compensate)) {
        throw new OperatorRefusal('conflict', `Run ${runId} is already ${run.status}.`);
      }
      const steps = this.engine.store.steps(runId);
      for (const step of steps.filter((s) => UNFINISHED.has(s.status))) {
        this.engine.state.setStep(step, { status: 'cancelled', nextAttemptAt: null, finishedAt: at }, `${actor.who} cancelled the run`, at);
      }
      const doc = this.workflows.get(run.workflowId, run.workflowVersion);
      const undo = options.compensate
        ? steps.filter((s) => s.status === 'succeeded' && !s.stepId.startsWith(UNDO_PREFIX) && doc.steps.find((d) => d.id === s.stepId)?.compensate)
        : [];
      if (undo.length) {
        const insert = this.sqlite.prepare(`INSERT INTO steps (run_id, step_id, status, attempts, generation) VALUES (?, ?, 'pending', 0, 0)`);
        for (const s of undo) insert.run(runId, `${UNDO_PREFIX}${s.stepId}`);
        if (run.status !== 'running') this.engine.state.setRunStatus(runId, run.status, 'running', run.clientKey, at, 'compensating');
        this.engine.state.advance(runId);
      } else {
        this.engine.state.setRunStatus(runId, run.status, 'cancelled', run.clientKey, at, actor.why);
      }
      this.record(runId, null, options.compensate ? 'cancel_and_compensate' : 'cancel_run', actor, { status: run.status },
        { status: undo.length ? 'compensating' : 'cancelled', compensations: undo.map((s) => `${UNDO_PREFIX}${s.stepId}`) }, at);
    });
  }

  /** Starts a new run with a run's trigger, on the version it was pinned to or on the current one. */
  replayRun(runId: string, version: 'pinned' | 'current', actor: Actor): string {
    const run = this.engine.store.run(runId);
    if (!run) throw new OperatorRefusal('not_found', `There is no run ${runId}.`);
    return this.sqlite.transaction(() => {
      const pinned = version === 'pinned' ? run.workflowVersion : (this.workflows.currentVersion(run.workflowId) ?? run.workflowVersion);
      const replay = this.engine.startRun({ workflowId: run.workflowId, version: pinned, trigger: JSON.parse(run.trigger), deliveryId: run.deliveryId, replayOf: runId });
      this.record(runId, null, 'replay_run', actor, { runId }, { runId: replay, version: pinned }, this.now());
      return replay;
    })();
  }

  /** A new run from this run's trigger as the operator edited it; see trigger-replay.ts. Returns the new run's id. */
  replayWithTrigger(runId: string, trigger: unknown, actor: Actor, options: TriggerReplayOptions = {}): string {
    const deps = { engine: this.engine, sqlite: this.sqlite, ledger: this.ledger, workflows: this.workflows, registry: this.registry, now: this.now };
    return replayWithEditedTrigger({ ...deps, cancelRun: (id, who) => this.cancelRun(id, who) }, runId, trigger, actor, options);
  }

  /** Starts a new run from a stored accepted delivery, on its endpoint's workflow as it is now. */
  replayDelivery(deliveryId: string, actor: Actor): string {
    const delivery = this.sqlite
      .prepare(`SELECT d.status, d.body, e.workflow_id AS workflowId FROM deliveries d JOIN endpoints e ON e.slug = d.endpoint_slug WHERE d.id = ?`)
      .get(deliveryId) as { status: string; body: Buffer; workflowId: string } | undefined;
    if (!delivery) throw new OperatorRefusal('not_found', `There is no delivery ${deliveryId}.`);
    if (delivery.status !== 'accepted') {
      throw new OperatorRefusal('conflict', `Delivery ${deliveryId} was ${delivery.status}; only an accepted delivery can be replayed (a rejected one was never verified).`);
    }
    const text = delivery.body.toString('utf8');
    let trigger: unknown;
    try {
      trigger = JSON.parse(text);
    } catch {
      trigger = Object.fromEntries(new URLSearchParams(text));
    }
    return this.sqlite.transaction(() => {
      const runId = this.engine.startRun({ workflowId: delivery.workflowId, trigger, deliveryId });
      this.ledger.append({ kind: 'operator.action', at: this.now(), runId, payload: { action: 'replay_delivery', who: actor.who, why: actor.why, before: { deliveryId }, after: { runId } } });
      return runId;
    })();
  }

  /** Replays every run matching the filter; returns the new runs' ids. */
  bulkReplay(filter: ReplayFilter, version: 'pinned' | 'current', actor: Actor): string[] {
    const clauses: [unknown, string][] = [
      [filter.status, 'status = ?'], [filter.workflowId, 'workflow_id = ?'], [filter.clientKey, 'client_key = ?'],
      [filter.from, 'created_at >= ?'], [filter.to, 'created_at <= ?'],
    ];
    const given = clauses.filter(([value]) => value !== undefined);
    const where = given.map(([, sql]) => sql);
    const params = given.map(([value]) => value);
    if (filter.runIds) {
      where.push(`id IN (${filter.runIds.map(() => '?').join(', ')})`);
      params.push(...filter.runIds);
    }
    const ids = (this.sqlite.prepare(`SELECT id FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at`)
      .all(...params) as { id: string }[]).map((r) => r.id);
    return this.sqlite.transaction(() => ids.map((id) => this.replayRun(id, version, actor)))();
  }

  private act(runId: string, change: (at: number) => void): void {
    if (!this.engine.store.run(runId)) throw new OperatorRefusal('not_found', `There is no run ${runId}.`);
    this.sqlite.transaction(() => {
      const at = this.now();
      change(at);
      this.engine.state.refreshRunStatus(runId);
    })();
    this.engine.notifyChanged(runId);
    this.engine.wake();
  }

  private step(runId: string, stepId: string): StepRow {
    const step = this.engine.store.step(runId, stepId);
    if (!step) throw new OperatorRefusal('not_found', `Run ${runId} has no step "${stepId}".`);
    return step;
  }

  private record(runId: string, stepId: string | null, action: string, actor: Actor, before: unknown, after: unknown, at: number): void {
    const run = this.engine.store.run(runId);
    this.ledger.append({ kind: 'operator.action', at, runId, stepId, clientKey: run?.clientKey ?? null, payload: { action, who: actor.who, why: actor.why, before, after } });
  }
}

function json(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}
