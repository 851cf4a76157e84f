/**
 * The durable engine. Every state change of a run, step or attempt commits to SQLite with its ledger entry
 * in one transaction before anything depends on it; timers are rows (`steps.next_attempt_at`), so a restart
 * (kill -9 included) loses nothing: attempts found in flight are marked interrupted and re-sent with the
 * same idempotency key, or reconciled by the connector's lookup.
 *
 * The scheduler sleeps until the earliest due step instead of polling.
 */
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { RunStatus, StepStatus } from '../../preload/api';
import type { ActionContext, ConnectorRegistry } from '../connectors/connector';
import { classifyAbort, describeError, isConnectorFailure, type StepFailure } from '../connectors/failure';
import { callOrigin } from '../connectors/recording';
import type { Ledger } from '../ledger/ledger';
import { evaluateCondition, ExpressionError, renderMapping, compileExpression, type ExpressionScope } from './expressions';
import { decideRetry, defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import { RunStore, type StepRow } from './run-store';
import type { StepDefinition, WorkflowDocument } from './workflow';
import type { WorkflowStore } from './workflow-store';

export interface EngineOptions {
  sqlite: Database.Database;
  ledger: Ledger;
  workflows: WorkflowStore;
  registry: ConnectorRegistry;
  now?: () => number;
  random?: () => number;
  /** Attempts in flight at once, across all runs. @default 64 */
  concurrency?: number;
  /** Called after a change to a run has committed. */
  onRunChanged?: (runId: string) => void;
}

export interface StartRunInput {
  workflowId: string;
  trigger: unknown;
  deliveryId?: string | null;
  /** Pin to this version; the current one by default. */
  version?: number;
  /** The run's id, when the caller recorded it first (intake names it in the delivery's ledger entry). */
  runId?: string;
}

interface AttemptPlan {
  runId: string;
  stepId: string;
  attemptId: string;
  number: number;
  idempotencyKey: string;
  priorOutcomeUnknown: boolean;
  input: unknown;
  definition: StepDefinition;
  clientKey: string | null;
}

const DONE: ReadonlySet<StepStatus> = new Set(['succeeded', 'skipped']);
/** setTimeout's ceiling; a later timer is simply re-armed when it fires. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export class Engine {
  readonly store: RunStore;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly concurrency: number;
  private readonly inFlight = new Map<string, Promise<void>>();
  private readonly shutdown = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private tickQueued = false;
  private running = false;
  private readonly watchers = new Set<(runId: string) => void>();

  constructor(private readonly o: EngineOptions) {
    this.store = new RunStore(o.sqlite);
    this.now = o.now ?? Date.now;
    this.random = o.random ?? Math.random;
    this.concurrency = o.concurrency ?? 64;
  }

  /** Recovers what a previous process left in flight, then starts scheduling. */
  start(): void {
    this.recover();
    this.running = true;
    this.wake();
  }

  /** Stops taking work, aborts attempts in flight (they are recorded as interrupted) and waits for them. */
  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.timer);
    this.shutdown.abort(new Error('Keel is shutting down'));
    await Promise.allSettled([...this.inFlight.values()]);
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
    const runId = input.runId ?? randomUUID();
    const at = this.now();
    const clientKey = this.clientKeyOf(doc, input.trigger);
    this.o.sqlite.transaction(() => {
      this.store.insertRun(
        { id: runId, workflowId: doc.id, workflowVersion: version, deliveryId: input.deliveryId ?? null, clientKey,
          trigger: JSON.stringify(input.trigger ?? null), createdAt: at },
        doc.steps.map((s) => s.id),
      );
      this.o.ledger.append({
        kind: 'run.created', at, runId, clientKey,
        payload: { workflowId: doc.id, version, deliveryId: input.deliveryId ?? null, steps: doc.steps.map((s) => s.id) },
      });
      this.advance(runId);
    })();
    this.changed(runId);
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
    const free = this.concurrency - this.inFlight.size;
    if (free > 0) {
      for (const { runId, stepId } of this.store.dueSteps(this.now(), free)) {
        const plan = this.beginAttempt(runId, stepId);
        if (!plan) continue;
        const key = `${runId}/${stepId}`;
        const done = this.execute(plan).finally(() => {
          this.inFlight.delete(key);
          this.wake();
        });
        this.inFlight.set(key, done);
      }
    }
    if (this.inFlight.size >= this.concurrency) return; // a finishing attempt wakes us
    const next = this.store.nextDueAt();
    if (next === null) return;
    const delay = Math.min(Math.max(0, next - this.now()), MAX_TIMER_MS);
    this.timer = setTimeout(() => this.tick(), delay);
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
          this.setStep(step, { status: 'queued', nextAttemptAt: at },
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

  private beginAttempt(runId: string, stepId: string): AttemptPlan | undefined {
    let failure: StepFailure | undefined;
    const plan = this.o.sqlite.transaction((): AttemptPlan | undefined => {
      const step = this.store.step(runId, stepId);
      const run = this.store.run(runId);
      if (!step || !run || step.status !== 'queued') return undefined;
      const doc = this.o.workflows.get(run.workflowId, run.workflowVersion);
      const definition = doc.steps.find((s) => s.id === stepId)!;
      const at = this.now();

      let input: unknown;
      try {
        input = step.input !== null ? JSON.parse(step.input) : this.resolveInput(definition, run.trigger, runId);
      } catch (error) {
        failure = { kind: 'permanent', code: 'invalid_input', message: inputProblem(definition, error) };
        this.o.ledger.append({
          kind: 'step.status', at, runId, stepId, clientKey: run.clientKey,
          payload: { from: step.status, to: 'needs_attention', reason: failure.message, mapping: definition.input,
            context: this.scope(runId, run.trigger) },
        });
        this.setStep(step, { status: 'needs_attention', error: JSON.stringify(failure), finishedAt: at }, null);
        this.refreshRunStatus(runId);
        return undefined;
      }

      const previous = this.store.lastAttempt(runId, stepId);
      const priorOutcomeUnknown =
        previous?.status === 'interrupted' ||
        (previous?.status === 'failed' && Boolean((JSON.parse(previous.error ?? '{}') as StepFailure).outcomeUnknown));
      const number = step.attempts + 1;
      const attemptId = randomUUID();
      const idempotencyKey = `keel-${runId}-${stepId}-g${step.generation}`;
      this.store.insertAttempt({ id: attemptId, runId, stepId, number, idempotencyKey, startedAt: at });
      this.setStep(step, { status: 'running', attempts: number, input: JSON.stringify(input), nextAttemptAt: null,
        startedAt: step.startedAt ?? at }, null);
      this.o.ledger.append({
        kind: 'attempt.started', at, runId, stepId, attemptId, clientKey: run.clientKey,
        connector: definition.action.split('.')[0]!,
        payload: { number, action: definition.action, idempotencyKey, priorOutcomeUnknown, input },
      });
      return { runId, stepId, attemptId, number, idempotencyKey, priorOutcomeUnknown, input, definition,
        clientKey: run.clientKey };
    })();
    if (failure || plan) this.changed(runId);
    return plan;
  }

  private resolveInput(definition: StepDefinition, triggerJson: string, runId: string): unknown {
    const raw = renderMapping(definition.input, this.scope(runId, triggerJson));
    const found = this.o.registry.action(definition.action);
    if (!found) throw new Error(`there is no action "${definition.action}"`);
    const parsed = found.action.input.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`input.${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
    return parsed.data;
  }

  private async execute(plan: AttemptPlan): Promise<void> {
    const found = this.o.registry.action(plan.definition.action);
    const signal = AbortSignal.any([AbortSignal.timeout(plan.definition.timeoutMs), this.shutdown.signal]);
    const ctx: ActionContext = {
      runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId, attemptNumber: plan.number,
      idempotencyKey: plan.idempotencyKey, priorOutcomeUnknown: plan.priorOutcomeUnknown, signal,
    };
    try {
      if (!found) throw new Error(`there is no action "${plan.definition.action}"`);
      const origin = { runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId, idempotencyKey: plan.idempotencyKey };
      const { output, adopted } = await callOrigin.run(origin, async () => {
        if (plan.priorOutcomeUnknown && found.action.reconcile) {
          const existing = await untilAborted(found.action.reconcile(ctx, plan.input), signal);
          if (existing !== undefined) return { output: existing, adopted: true };
        }
        return { output: await untilAborted(found.action.run(ctx, plan.input), signal), adopted: false };
      });
      this.succeed(plan, output, adopted);
    } catch (error) {
      const failure: StepFailure = isConnectorFailure(error)
        ? error.failure
        : (classifyAbort(error, signal) ?? found?.connector.classify(error) ?? {
            kind: 'permanent', code: 'unknown_action', message: describeError(error) });
      this.fail(plan, failure, this.shutdown.signal.aborted);
    }
  }

  private succeed(plan: AttemptPlan, output: unknown, adopted: boolean): void {
    const at = this.now();
    this.o.sqlite.transaction(() => {
      this.store.finishAttempt(plan.attemptId, 'succeeded', at, null);
      this.o.ledger.append({
        kind: 'attempt.finished', at, runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId,
        clientKey: plan.clientKey, payload: { status: 'succeeded', number: plan.number, adopted, output: output ?? null },
      });
      const step = this.store.step(plan.runId, plan.stepId)!;
      this.setStep(step, { status: 'succeeded', output: JSON.stringify(output ?? null), error: null, finishedAt: at },
        adopted ? 'adopted what an earlier attempt had created' : null);
      this.advance(plan.runId);
    })();
    this.changed(plan.runId);
  }

  private fail(plan: AttemptPlan, failure: StepFailure, interrupted: boolean): void {
    const at = this.now();
    this.o.sqlite.transaction(() => {
      this.store.finishAttempt(plan.attemptId, interrupted ? 'interrupted' : 'failed', at, failure);
      this.o.ledger.append({
        kind: 'attempt.finished', at, runId: plan.runId, stepId: plan.stepId, attemptId: plan.attemptId,
        clientKey: plan.clientKey, payload: { status: interrupted ? 'interrupted' : 'failed', number: plan.number, failure },
      });
      const step = this.store.step(plan.runId, plan.stepId)!;
      if (interrupted) {
        this.setStep(step, { status: 'queued', nextAttemptAt: at }, 'interrupted by shutdown; it resumes at the next start');
        return;
      }
      const decision = failure.kind === 'retryable'
        ? decideRetry({
            policy: this.policyOf(plan.definition), attemptsMade: step.attempts,
            firstAttemptAt: this.store.firstAttemptAt(plan.runId, plan.stepId) ?? at, now: at,
            ...(failure.retryAfterMs !== undefined && { retryAfterMs: failure.retryAfterMs }), random: this.random,
          })
        : { retry: false as const, reason: 'the failure is permanent' };
      if (decision.retry) {
        this.setStep(step, { status: 'queued', nextAttemptAt: at + decision.delayMs, error: JSON.stringify(failure) },
          `retry in ${decision.delayMs} ms: ${failure.message}`, at);
      } else {
        this.setStep(step, { status: 'needs_attention', error: JSON.stringify(failure), finishedAt: at },
          `${decision.reason}: ${failure.message}`, at);
        this.refreshRunStatus(plan.runId);
      }
    })();
    this.changed(plan.runId);
  }

  private policyOf(definition: StepDefinition): RetryPolicy {
    return { ...defaultRetryPolicy, ...definition.retry };
  }

  // ----------------------------------------------------------------------------------------------------
  // Run state

  /** Queues or skips every pending step whose needs are done, cascading, then settles the run's status. */
  private advance(runId: string): void {
    const run = this.store.run(runId)!;
    const doc = this.o.workflows.get(run.workflowId, run.workflowVersion);
    const steps = new Map(this.store.steps(runId).map((s) => [s.stepId, s]));
    let scope: ExpressionScope | undefined;
    for (let changed = true; changed; ) {
      changed = false;
      for (const definition of doc.steps) {
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
    this.refreshRunStatus(runId, [...steps.values()]);
  }

  private refreshRunStatus(runId: string, steps = this.store.steps(runId)): void {
    const run = this.store.run(runId)!;
    if (run.status === 'cancelled') return;
    let status: RunStatus = 'running';
    if (steps.every((s) => DONE.has(s.status))) status = 'completed';
    else if (steps.some((s) => s.status === 'needs_attention')) status = 'needs_attention';
    const at = this.now();
    if (status === run.status) {
      this.store.touchRun(runId, at);
      return;
    }
    const finishedAt = status === 'completed' ? at : null;
    this.store.setRunStatus(runId, status, at, finishedAt);
    this.o.ledger.append({ kind: 'run.status', at, runId, clientKey: run.clientKey, payload: { from: run.status, to: status } });
  }

  /** Writes a step's new state and, when its status changes, the ledger entry saying why. */
  private setStep(step: StepRow, patch: Partial<StepRow>, reason: string | null, at = this.now()): StepRow {
    const next: StepRow = { ...step, ...patch };
    this.store.saveStep(next);
    if (next.status !== step.status || reason) {
      this.o.ledger.append({
        kind: 'step.status', at, runId: step.runId, stepId: step.stepId,
        payload: { from: step.status, to: next.status, reason, ...(next.nextAttemptAt !== null && next.status === 'queued' && { dueAt: next.nextAttemptAt }) },
      });
    }
    return next;
  }

  private scope(runId: string, triggerJson: string): ExpressionScope {
    const steps: ExpressionScope['steps'] = {};
    for (const s of this.store.steps(runId)) {
      if (s.status === 'succeeded') steps[s.stepId] = { output: s.output === null ? null : JSON.parse(s.output) };
    }
    return { trigger: JSON.parse(triggerJson), steps };
  }

  /** Calls `listener` after every committed change to a run, synchronously: nothing is coalesced or delayed. */
  watch(listener: (runId: string) => void): () => void {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }

  private changed(runId: string): void {
    this.o.onRunChanged?.(runId);
    for (const watcher of this.watchers) watcher(runId);
  }
}

function inputProblem(definition: StepDefinition, error: unknown): string {
  const detail = error instanceof ExpressionError || error instanceof Error ? error.message : String(error);
  return `step "${definition.id}": its input could not be built: ${detail}`;
}

/** Settles with the promise, or rejects when the signal aborts: a hung SDK call cannot hold an attempt forever. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
