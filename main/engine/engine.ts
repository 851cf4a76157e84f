/**
 * The durable engine. Every state change of a run, step or attempt commits to SQLite with its ledger entry
 * in one transaction before anything depends on it; timers are rows (`steps.next_attempt_at`), so a restart
 * (kill -9 included) loses nothing: attempts found in flight are marked interrupted and re-sent with the
 * same idempotency key, or reconciled by the connector's lookup.
 *
 * The scheduler sleeps until the earliest due step instead of polling.
 */
import type Database from 'better-sqlite3';
// Version 7 UUIDs begin with the time: new rows land at the right edge of each primary-key and run-id index
// instead of on random pages, so a commit writes a few pages to the WAL rather than one per row.
import { v7 as newId } from 'uuid';
import type { GroupCommit } from '../../db/group-commit';
import type { ConnectorRegistry } from '../connectors/connector';
import type { StepFailure } from '../connectors/failure';
import type { Ledger } from '../ledger/ledger';
import { callConnector, type AttemptPlan } from './attempt-call';
import { AttemptOutcomes } from './attempt-outcome';
import { ExpressionError, compileExpression } from './expressions';
import { judgeStep } from './step-judgement';
import { RunStore } from './run-store';
import { RunState } from './run-state';
import { BreakerBoard, type BreakerSettings } from './breaker';
import { TokenBucket } from './token-bucket';
import { stepDefinition, type StepDefinition, type WorkflowDocument } from './workflow';
import type { WorkflowStore } from './workflow-store';

export interface EngineOptions {
  sqlite: Database.Database;
  /** Shared group commit: attempt outcomes are written with the rest of the turn's writes. */
  commits: GroupCommit;
  ledger: Ledger;
  workflows: WorkflowStore;
  registry: ConnectorRegistry;
  now?: () => number;
  random?: () => number;
  /** Attempts in flight at once, across all runs. @default 64 */
  concurrency?: number;
  /** Called after a change to a run has committed. */
  onRunChanged?: (runId: string) => void;
  /** Told about an engine bug that was contained (a write that failed); the engine goes on. */
  onError?: (error: unknown) => void;
  /** Breaker settings per connector. @default 5 failures in a row, open 30 s */
  breakerSettings?: (connector: string) => BreakerSettings;
}

export interface StartRunInput {
  workflowId: string;
  trigger: unknown;
  deliveryId?: string | null;
  /** Pin to this version; the current one by default. */
  version?: number;
  /** The run's id, when the caller recorded it first (intake names it in the delivery's ledger entry). */
  runId?: string;
  /** The run this one replays. */
  replayOf?: string | null;
}

interface BegunAttempts {
  plans: AttemptPlan[];
  /** Runs whose rows changed. */
  touched: Set<string>;
  /** When a step held back by a limit or a breaker may go. */
  wakeAt: number | null;
}

/** How long the scheduler waits before trying the store again after it failed. */
const STORAGE_RETRY_MS = 1_000;

/** setTimeout's ceiling; a later timer is simply re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Engine {
  readonly store: RunStore;
  /** Run and step transitions, shared with the operator controls. */
  readonly state: RunState;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly shutdown = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private tickQueued = false;
  private leaveCommits: (() => void) | undefined;
  private running = false;
  private readonly watchers = new Set<(runId: string) => void>();
  /** Attempts in flight per connector, for connector concurrency limits. */
  private readonly connectorLoad = new Map<string, number>();
  private readonly buckets = new Map<string, TokenBucket>();
  readonly breakers: BreakerBoard;
  private readonly outcomes: AttemptOutcomes;

  constructor(private readonly o: EngineOptions) {
    this.store = new RunStore(o.sqlite);
    this.now = o.now ?? Date.now;
    this.state = new RunState(this.store, o.ledger, o.workflows, this.now);
    this.breakers = new BreakerBoard(o.sqlite, o.ledger, o.breakerSettings);
    this.random = o.random ?? Math.random;
    this.concurrency = o.concurrency ?? 64;
    this.outcomes = new AttemptOutcomes({ store: this.store, state: this.state, ledger: o.ledger, breakers: this.breakers, now: this.now, random: this.random });
  }

  /** Recovers what a previous process left in flight, then starts scheduling. */
  start(): void {
    this.recover();
    this.running = true;
    this.leaveCommits ??= this.o.commits.addStage(() => {
      const begun = this.beginDue();
      return () => this.afterBegin(begun);
    });
    this.wake();
  }

  /** Stops taking work, aborts attempts in flight (they are recorded as interrupted) and waits for them. */
  async stop(): Promise<void> {
    this.running = false;
    this.leaveCommits?.();
    this.leaveCommits = undefined;
    clearTimeout(this.timer);
    this.shutdown.abort(new Error('Keel is shutting down'));
    await Promise.allSettled([...this.inFlight.values()]);
    this.o.commits.flush();
  }

  /** Asks the scheduler to look for due work soon (after the current transaction has committed). */
  wake(): void {
    if (!this.running || this.tickQueued) return;
    this.tickQueued = true;
    setImmediate(() => {
      this.tickQueued = false;
      this.tick();
    });
  }

  /**
   * Creates a run and its first queued steps. Synchronous, so intake can call it inside the transaction that
   * stores the delivery: the delivery, the run and their ledger entries commit together or not at all.
   */
  startRun(input: StartRunInput): string {
    const version = input.version ?? this.o.workflows.currentVersion(input.workflowId);
    if (version === null) throw new Error(`there is no workflow "${input.workflowId}"`);
    const doc = this.o.workflows.get(input.workflowId, version);
    const runId = input.runId ?? newId();
    const at = this.now();
    const clientKey = this.clientKeyOf(doc, input.trigger);
    this.o.sqlite.transaction(() => {
      this.store.insertRun(
        { id: runId, workflowId: doc.id, workflowVersion: version, deliveryId: input.deliveryId ?? null, clientKey,
          trigger: JSON.stringify(input.trigger ?? null), replayOf: input.replayOf ?? null, createdAt: at },
        doc.steps.map((s) => s.id),
      );
      this.o.ledger.append({
        kind: 'run.created', at, runId, clientKey,
        payload: { workflowId: doc.id, version, deliveryId: input.deliveryId ?? null, steps: doc.steps.map((s) => s.id),
          ...(input.replayOf && { replayOf: input.replayOf }) },
      });
      this.state.advance(runId);
    })();
    this.notifyChanged(runId);
    this.wake();
    return runId;
  }

  private clientKeyOf(doc: WorkflowDocument, trigger: unknown): string | null {
    if (!doc.trigger.clientKey) return null;
    try {
      const value = compileExpression(doc.trigger.clientKey)({ trigger, steps: {} });
      return value === null || value === undefined ? null : String(value);
    } catch {
      return null; // A run without a client key still runs; the key only names it.
    }
  }

  // ----------------------------------------------------------------------------------------------------
  // Scheduling

  private tick(): void {
    if (!this.running) return;
    clearTimeout(this.timer);
    let begun: BegunAttempts;
    try {
      const next = this.store.nextDueAt();
      if (next === null || next > this.now()) {
        this.sleepUntil(next);
        return;
      }
      // Group commit: every attempt started in this tick is recorded in one transaction (one fsync), and only
      // after it commits does any call go out, so a crash never hides a call that was made.
      begun = this.o.sqlite.transaction(() => this.beginDue())();
    } catch (error) {
      // The store failed (disk full, I/O error): nothing was started. Say so, and look again in a moment
      // rather than take Keel down or spin.
      this.o.onError?.(error);
      this.sleepUntil(this.now() + STORAGE_RETRY_MS);
      return;
    }
    this.afterBegin(begun);
  }

  /**
   * Starts the attempts of due steps, inside the caller's transaction. Runs in each tick, and inside every group
   * commit (see `start`), so the write that finishes one step also starts the next: one commit, not two.
   */
  private beginDue(): BegunAttempts {
    const begun: BegunAttempts = { plans: [], touched: new Set(), wakeAt: null };
    const free = this.concurrency - this.inFlight.size;
    if (!this.running || free <= 0) return begun;
    const now = this.now();
    // Look past the first few due steps: some may belong to a connector that is at its limit.
    for (const { runId, stepId } of this.store.dueSteps(now, free * 4)) {
      if (begun.plans.length >= free) break;
      let outcome: ReturnType<Engine['beginAttempt']>;
      try {
        outcome = this.beginAttempt(runId, stepId, now, begun.touched);
      } catch (error) {
        this.o.onError?.(error);
        continue;
      }
      if (outcome === undefined) continue;
      if ('blockedUntil' in outcome) begun.wakeAt = Math.min(begun.wakeAt ?? Infinity, outcome.blockedUntil);
      else begun.plans.push(outcome);
    }
    return begun;
  }

  /** Once the starts are on disk: tell the watchers, send the calls, and sleep until the next due step. */
  private afterBegin(begun: BegunAttempts): void {
    for (const runId of begun.touched) this.notifyChanged(runId);
    for (const plan of begun.plans) this.launch(plan);
    if (!this.running || this.inFlight.size >= this.concurrency) return; // a finishing attempt wakes us
    clearTimeout(this.timer);
    const next = Math.min(this.store.nextDueAt() ?? Infinity, begun.wakeAt ?? Infinity);
    this.sleepUntil(next === Infinity ? null : next);
  }

  private sleepUntil(at: number | null): void {
    if (at === null) return;
    const delay = Math.min(Math.max(0, at - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.tick(), delay);
  }

  private launch(plan: AttemptPlan): void {
    const key = `${plan.runId}/${plan.stepId}`;
    this.connectorLoad.set(plan.connector, (this.connectorLoad.get(plan.connector) ?? 0) + 1);
    const done = this.execute(plan).finally(() => {
      this.inFlight.delete(key);
      this.connectorLoad.set(plan.connector, this.connectorLoad.get(plan.connector)! - 1);
      this.wake();
    });
    this.inFlight.set(key, done);
  }

  /**
   * Whether an attempt for this connector may start now: its breaker, its concurrency limit, its rate limit.
   * `defer` asks for the step's timer to move (an open breaker: no point looking again before the probe).
   */
  private gate(connectorId: string, now: number): { ok: true; probe: boolean } | { ok: false; until: number; defer: boolean } {
    const connector = this.o.registry.connectors().find((c) => c.id === connectorId);
    const limit = connector?.limits?.concurrency;
    if (limit !== undefined && (this.connectorLoad.get(connectorId) ?? 0) >= limit) return { ok: false, until: now + 1_000, defer: false };
    const admission = this.breakers.admit(connectorId, now);
    if (!admission.admit) return { ok: false, until: admission.until, defer: true };
    if (connector?.limits?.rate) {
      let bucket = this.buckets.get(connectorId);
      if (!bucket) this.buckets.set(connectorId, (bucket = new TokenBucket(connector.limits.rate, now)));
      const token = bucket.take(now);
      if (!token.ok) {
        if (admission.probe) this.breakers.record(connectorId, 'other', now);
        return { ok: false, until: now + token.waitMs, defer: false };
      }
    }
    return { ok: true, probe: admission.probe };
  }

  /** Marks attempts a previous process left in flight as interrupted and queues their steps again. */
  private recover(): void {
    const orphans = this.store.inFlightAttempts();
    if (!orphans.length) return;
    const at = this.now();
    this.o.sqlite.transaction(() => {
      for (const attempt of orphans) {
        this.store.finishAttempt(attempt.id, 'interrupted', at, null);
        const step = this.store.step(attempt.runId, attempt.stepId);
        if (step?.status === 'running') {
          this.state.setStep(step, { status: 'queued', nextAttemptAt: at },
            'its attempt was in flight when Keel stopped; it is sent again with the same idempotency key');
        }
        this.o.ledger.append({
          kind: 'attempt.finished', at, runId: attempt.runId, stepId: attempt.stepId, attemptId: attempt.id,
          payload: { status: 'interrupted', number: attempt.number, idempotencyKey: attempt.idempotencyKey },
        });
      }
    })();
  }

  // ----------------------------------------------------------------------------------------------------
  // One attempt

  /** Records an attempt's start (in the caller's transaction, in a savepoint of its own). */
  private beginAttempt(runId: string, stepId: string, now: number, touched: Set<string>): AttemptPlan | { blockedUntil: number } | undefined {
    let failure: StepFailure | undefined;
    let changed = false;
    const plan = this.o.sqlite.transaction((): AttemptPlan | { blockedUntil: number } | undefined => {
      const step = this.store.step(runId, stepId);
      const run = this.store.run(runId);
      if (!step || !run || step.status !== 'queued') return undefined;
      const doc = this.o.workflows.get(run.workflowId, run.workflowVersion);
      const definition = stepDefinition(doc, stepId)!;
      const connector = definition.action.split('.')[0]!;
      const gate = this.gate(connector, now);
      if (!gate.ok) {
        if (gate.defer) {
          // Wait for the breaker without spending an attempt.
          this.state.setStep(step, { nextAttemptAt: gate.until }, `waiting: the ${connector} breaker is open after repeated failures`);
          changed = true;
        }
        return { blockedUntil: gate.until };
      }
      const at = this.now();

      let input: unknown;
      try {
        input = step.input !== null ? JSON.parse(step.input) : this.resolveInput(definition, run.trigger, runId);
      } catch (error) {
        if (gate.probe) this.breakers.record(connector, 'other', at); // no call was made: the probe is still owed
        failure = { kind: 'permanent', code: 'invalid_input', message: inputProblem(definition, error) };
        this.o.ledger.append({
          kind: 'step.status', at, runId, stepId, clientKey: run.clientKey,
          payload: { from: step.status, to: 'needs_attention', reason: failure.message, mapping: definition.input,
            context: this.state.scope(runId, run.trigger) },
        });
        this.state.setStep(step, { status: 'needs_attention', error: JSON.stringify(failure), finishedAt: at }, null);
        this.state.refreshRunStatus(runId);
        return undefined;
      }

      const previous = step.attempts > 0 ? this.store.lastAttempt(runId, stepId) : undefined;
      const priorOutcomeUnknown =
        previous?.status === 'interrupted' ||
        (previous?.status === 'failed' && Boolean((JSON.parse(previous.error ?? '{}') as StepFailure).outcomeUnknown));
      const number = step.attempts + 1;
      const attemptId = newId();
      const idempotencyKey = `keel-${runId}-${stepId}-g${step.generation}`;
      this.store.insertAttempt({ id: attemptId, runId, stepId, number, idempotencyKey, startedAt: at });
      const moved = this.state.moveStep(step, { status: 'running', attempts: number, input: JSON.stringify(input), nextAttemptAt: null,
        startedAt: step.startedAt ?? at });
      this.o.ledger.append({
        kind: 'attempt.started', at, runId, stepId, attemptId, clientKey: run.clientKey, connector,
        payload: { number, action: definition.action, idempotencyKey, priorOutcomeUnknown, input, step: moved.change },
      });
      changed = true;
      return { runId, stepId, attemptId, number, idempotencyKey, priorOutcomeUnknown, input, definition,
        clientKey: run.clientKey, connector };
    })();
    if (failure || changed) touched.add(runId);
    return plan;
  }

  /** The step's input from its mapping; its condition was decided when it was queued. */
  private resolveInput(definition: StepDefinition, triggerJson: string, runId: string): unknown {
    const judged = judgeStep({ input: definition.input, action: definition.action }, this.state.scope(runId, triggerJson), this.o.registry);
    if (judged.outcome !== 'run') throw new Error(judged.outcome === 'error' ? judged.message : 'a step without a condition cannot be skipped');
    return judged.input;
  }

  private async execute(plan: AttemptPlan): Promise<void> {
    const result = await callConnector(plan, this.o.registry, this.shutdown.signal);
    this.complete(plan.runId, () => {
      if (result.ok) this.outcomes.succeeded(plan, result.output, result.adopted);
      else this.outcomes.failed(plan, result.failure, result.interrupted);
    });
  }

  /** Attempt outcomes are group-committed with whatever else this turn of the event loop writes. */
  private complete(runId: string, write: () => void): void {
    this.o.commits.enqueue(write).then(
      () => {
        this.notifyChanged(runId);
        this.wake();
      },
      // The step stays `running`; the next start treats it as interrupted. Nothing is lost, nothing repeated blindly.
      (error: unknown) => this.o.onError?.(error),
    );
  }

  /** Calls `listener` after every committed change to a run, synchronously: nothing is coalesced or delayed. */
  watch(listener: (runId: string) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  /** Tells the watchers a run changed; the operator controls call it after their own commits. */
  notifyChanged(runId: string): void {
    this.o.onRunChanged?.(runId);
    for (const watcher of this.watchers) watcher(runId);
  }
}

function inputProblem(definition: StepDefinition, error: unknown): string {
  const detail = error instanceof ExpressionError || error instanceof Error ? error.message : String(error);
  return `step "${definition.id}": its input could not be built: ${detail}`;
}
