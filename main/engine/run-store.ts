/**
 * Rows of runs, steps and attempts, through prepared statements: the engine's hot path stays off the ORM.
 * Every method is synchronous so callers compose them inside one transaction with the ledger entry that
 * records the change.
 */
import type Database from 'better-sqlite3';
import type { AttemptStatus, RunStatus, StepStatus } from '../../preload/api';
import type { StepFailure } from '../connectors/failure';

export interface RunRow {
  id: string;
  workflowId: string;
  workflowVersion: number;
  deliveryId: string | null;
  clientKey: string | null;
  trigger: string;
  status: RunStatus;
  replayOf: string | null;
  createdAt: number;
  updatedAt: number;
  finishedAt: number | null;
}

export interface StepRow {
  runId: string;
  stepId: string;
  status: StepStatus;
  attempts: number;
  nextAttemptAt: number | null;
  generation: number;
  budgetFromAttempt: number;
  budgetStartedAt: number | null;
  input: string | null;
  output: string | null;
  error: string | null;
  note: string | null;
  startedAt: number | null;
  finishedAt: number | null;
}

export interface AttemptRow {
  id: string;
  runId: string;
  stepId: string;
  number: number;
  idempotencyKey: string;
  status: AttemptStatus;
  startedAt: number;
  finishedAt: number | null;
  error: string | null;
}

const STEP_COLUMNS = `run_id AS runId, step_id AS stepId, status, attempts, next_attempt_at AS nextAttemptAt,
  generation, budget_from_attempt AS budgetFromAttempt, budget_started_at AS budgetStartedAt, input, output, error, note,
  started_at AS startedAt, finished_at AS finishedAt`;
const RUN_COLUMNS = `id, workflow_id AS workflowId, workflow_version AS workflowVersion, delivery_id AS deliveryId,
  client_key AS clientKey, trigger, status, replay_of AS replayOf, created_at AS createdAt, updated_at AS updatedAt, finished_at AS finishedAt`;
const ATTEMPT_COLUMNS = `id, run_id AS runId, step_id AS stepId, number, idempotency_key AS idempotencyKey, status,
  started_at AS startedAt, finished_at AS finishedAt, error`;

export class RunStore {
  private readonly s;

  constructor(readonly sqlite: Database.Database) {
    const p = <R = unknown>(sql: string) => sqlite.prepare<unknown[], R>(sql);
    this.s = {
      insertRun: p(`INSERT INTO runs (id, workflow_id, workflow_version, delivery_id, client_key, trigger, status,
        replay_of, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'running', ?, ?, ?)`),
      insertStep: p(`INSERT INTO steps (run_id, step_id, status, attempts, generation) VALUES (?, ?, 'pending', 0, 0)`),
      run: p<RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`),
      steps: p<StepRow>(`SELECT ${STEP_COLUMNS} FROM steps WHERE run_id = ?`),
      step: p<StepRow>(`SELECT ${STEP_COLUMNS} FROM steps WHERE run_id = ? AND step_id = ?`),
      setRunStatus: p(`UPDATE runs SET status = ?, updated_at = ?, finished_at = ? WHERE id = ?`),
      touchRun: p(`UPDATE runs SET updated_at = ? WHERE id = ?`),
      setStep: p(`UPDATE steps SET status = @status, attempts = @attempts, next_attempt_at = @nextAttemptAt,
        generation = @generation, budget_from_attempt = @budgetFromAttempt, budget_started_at = @budgetStartedAt, input = @input, output = @output, error = @error, note = @note,
        started_at = @startedAt, finished_at = @finishedAt WHERE run_id = @runId AND step_id = @stepId`),
      due: p<{ runId: string; stepId: string }>(`SELECT run_id AS runId, step_id AS stepId FROM steps
        WHERE status = 'queued' AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?`),
      nextDue: p<{ at: number | null }>(`SELECT MIN(next_attempt_at) AS at FROM steps WHERE status = 'queued'`),
      insertAttempt: p(`INSERT INTO step_attempts (id, run_id, step_id, number, idempotency_key, status, started_at)
        VALUES (?, ?, ?, ?, ?, 'in_flight', ?)`),
      finishAttempt: p(`UPDATE step_attempts SET status = ?, finished_at = ?, error = ? WHERE id = ?`),
      lastAttempt: p<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM step_attempts WHERE run_id = ? AND step_id = ?
        ORDER BY number DESC LIMIT 1`),
      firstAttemptAt: p<{ at: number | null }>(`SELECT MIN(started_at) AS at FROM step_attempts
        WHERE run_id = ? AND step_id = ?`),
      attempts: p<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM step_attempts WHERE run_id = ? ORDER BY started_at, number`),
      inFlight: p<AttemptRow>(`SELECT ${ATTEMPT_COLUMNS} FROM step_attempts WHERE status = 'in_flight'`),
    };
  }

  insertRun(run: Omit<RunRow, 'status' | 'updatedAt' | 'finishedAt'>, stepIds: string[]): void {
    this.s.insertRun.run(run.id, run.workflowId, run.workflowVersion, run.deliveryId, run.clientKey, run.trigger,
      run.replayOf, run.createdAt, run.createdAt);
    for (const stepId of stepIds) this.s.insertStep.run(run.id, stepId);
  }

  run(runId: string): RunRow | undefined {
    return this.s.run.get(runId);
  }

  steps(runId: string): StepRow[] {
    return this.s.steps.all(runId);
  }

  step(runId: string, stepId: string): StepRow | undefined {
    return this.s.step.get(runId, stepId);
  }

  saveStep(step: StepRow): void {
    this.s.setStep.run(step);
  }

  setRunStatus(runId: string, status: RunStatus, at: number, finishedAt: number | null): void {
    this.s.setRunStatus.run(status, at, finishedAt, runId);
  }

  touchRun(runId: string, at: number): void {
    this.s.touchRun.run(at, runId);
  }

  dueSteps(now: number, limit: number): { runId: string; stepId: string }[] {
    return this.s.due.all(now, limit);
  }

  nextDueAt(): number | null {
    return this.s.nextDue.get()?.at ?? null;
  }

  insertAttempt(a: Pick<AttemptRow, 'id' | 'runId' | 'stepId' | 'number' | 'idempotencyKey' | 'startedAt'>): void {
    this.s.insertAttempt.run(a.id, a.runId, a.stepId, a.number, a.idempotencyKey, a.startedAt);
  }

  finishAttempt(id: string, status: AttemptStatus, at: number, error: StepFailure | null): void {
    this.s.finishAttempt.run(status, at, error ? JSON.stringify(error) : null, id);
  }

  lastAttempt(runId: string, stepId: string): AttemptRow | undefined {
    return this.s.lastAttempt.get(runId, stepId);
  }

  firstAttemptAt(runId: string, stepId: string): number | null {
    return this.s.firstAttemptAt.get(runId, stepId)?.at ?? null;
  }

  attempts(runId: string): AttemptRow[] {
    return this.s.attempts.all(runId);
  }

  inFlightAttempts(): AttemptRow[] {
    return this.s.inFlight.all();
  }
}
