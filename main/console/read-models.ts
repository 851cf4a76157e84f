/** What the console reads: runs, steps, attempts and ledger entries shaped for display. */
import type Database from 'better-sqlite3';
import type { AttemptView, AttentionItem, DeliveryView, ExchangeView, LedgerEntryView, LedgerPageView, RunDetail, RunPage, RunStatus, RunSummary, StepFailureView, StepView } from '../../preload/api';
import type { WorkflowStore } from '../engine/workflow-store';
import { LedgerQueries, type LedgerPageRequest } from '../ledger/query';
import { RunPages, type RunPageRequest } from './run-pages';

// One pass over each run's steps (through the steps primary key) instead of three correlated subqueries.
const SUMMARY = `SELECT r.id, r.workflow_id AS workflowId, w.name AS workflowName, r.workflow_version AS workflowVersion,
  r.client_key AS clientKey, r.status, r.created_at AS createdAt, r.updated_at AS updatedAt, r.finished_at AS finishedAt,
  (SELECT COALESCE(SUM(attempts), 0) || ',' || COUNT(*) || ',' || COALESCE(SUM(status IN ('succeeded', 'skipped')), 0)
     FROM steps s WHERE s.run_id = r.id) AS counts
  FROM runs r JOIN workflows w ON w.id = r.workflow_id`;

type SummaryRow = Omit<RunSummary, 'attempts' | 'stepCount' | 'stepsDone'> & { counts: string };

function summary({ counts, ...row }: SummaryRow): RunSummary {
  const [attempts, stepCount, stepsDone] = counts.split(',').map(Number) as [number, number, number];
  return { ...row, attempts, stepCount, stepsDone };
}

function json(text: string | null): unknown {
  return text === null ? null : JSON.parse(text);
}

function failure(text: string | null): StepFailureView | null {
  if (text === null) return null;
  const f = JSON.parse(text) as StepFailureView;
  return { kind: f.kind, message: f.message, code: f.code ?? null };
}

export class ReadModels {
  private readonly runPages: RunPages;
  private readonly ledgerQueries: LedgerQueries;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly workflows: WorkflowStore,
  ) {
    this.runPages = new RunPages(sqlite);
    this.ledgerQueries = new LedgerQueries(sqlite);
  }

  runSummary(runId: string): RunSummary | undefined {
    const row = this.sqlite.prepare(`${SUMMARY} WHERE r.id = ?`).get(runId) as SummaryRow | undefined;
    return row && summary(row);
  }

  /** Several runs in one query (the console's live updates come in bursts). */
  runSummaries(runIds: string[]): RunSummary[] {
    const found: RunSummary[] = [];
    for (let i = 0; i < runIds.length; i += 500) {
      const batch = runIds.slice(i, i + 500);
      const rows = this.sqlite.prepare(`${SUMMARY} WHERE r.id IN (${batch.map(() => '?').join(',')})`).all(...batch) as SummaryRow[];
      found.push(...rows.map(summary));
    }
    return found;
  }

  listRuns(filter: { status?: RunStatus; limit?: number }): RunSummary[] {
    const limit = filter.limit ?? 500;
    return ((filter.status
      ? this.sqlite.prepare(`${SUMMARY} WHERE r.status = ? ORDER BY r.created_at DESC LIMIT ?`).all(filter.status, limit)
      : this.sqlite.prepare(`${SUMMARY} ORDER BY r.created_at DESC LIMIT ?`).all(limit)) as SummaryRow[]).map(summary);
  }

  /** One page of the runs list, filtered in SQL (see run-pages.ts). */
  pageRuns(request: RunPageRequest): RunPage {
    const { ids, total, more } = this.runPages.page(request);
    const byId = new Map(this.runSummaries(ids).map((r) => [r.id, r]));
    // A run is never deleted, so every id found has its summary.
    return { runs: ids.map((id) => byId.get(id)!), total, more };
  }

  runDetail(runId: string): RunDetail | undefined {
    const run = this.runSummary(runId);
    if (!run) return undefined;
    const row = this.sqlite.prepare('SELECT trigger, replay_of AS replayOf FROM runs WHERE id = ?').get(runId) as { trigger: string; replayOf: string | null };
    const doc = this.workflows.get(run.workflowId, run.workflowVersion);
    const rows = new Map(
      (this.sqlite.prepare(`SELECT step_id AS stepId, status, attempts, next_attempt_at AS nextAttemptAt, input, output,
        error, note, started_at AS startedAt, finished_at AS finishedAt FROM steps WHERE run_id = ?`).all(runId) as {
        stepId: string; status: StepView['status']; attempts: number; nextAttemptAt: number | null; input: string | null;
        output: string | null; error: string | null; note: string | null; startedAt: number | null; finishedAt: number | null;
      }[]).map((r) => [r.stepId, r]),
    );
    const notes = this.stepNotes(runId);
    const steps: StepView[] = doc.steps.map((d) => {
      const r = rows.get(d.id)!;
      return {
        stepId: d.id, name: d.name ?? d.id, action: d.action, needs: d.needs, when: d.when ?? null,
        status: r.status, attempts: r.attempts, nextAttemptAt: r.status === 'queued' ? r.nextAttemptAt : null,
        startedAt: r.startedAt, finishedAt: r.finishedAt, input: json(r.input), output: json(r.output),
        error: failure(r.error), note: r.note ?? notes.get(d.id) ?? null,
      };
    });
    const attempts = (this.sqlite.prepare(`SELECT id, step_id AS stepId, number, status, idempotency_key AS idempotencyKey,
      started_at AS startedAt, finished_at AS finishedAt, error FROM step_attempts WHERE run_id = ? ORDER BY started_at, number`)
      .all(runId) as (Omit<AttemptView, 'error'> & { error: string | null })[]).map((a) => ({ ...a, error: failure(a.error) }));
    return { run, trigger: json(row.trigger), steps, attempts, replayOf: row.replayOf };
  }

  /** The latest reason the ledger gives for each step's status: "its condition ... is false", "retry in ...". */
  private stepNotes(runId: string): Map<string, string> {
    const rows = this.sqlite.prepare(`SELECT step_id AS stepId, payload FROM ledger_entries
      WHERE run_id = ? AND kind = 'step.status' ORDER BY seq`).all(runId) as { stepId: string; payload: string }[];
    const notes = new Map<string, string>();
    for (const r of rows) {
      const reason = (JSON.parse(r.payload) as { reason?: string | null }).reason;
      if (reason) notes.set(r.stepId, reason);
    }
    return notes;
  }

  listLedger(filter: { runId?: string; limit?: number }): LedgerEntryView[] {
    const limit = filter.limit ?? 200;
    const columns = `seq, at, kind, run_id AS runId, step_id AS stepId, client_key AS clientKey, connector, payload, hash`;
    const rows = (filter.runId
      ? this.sqlite.prepare(`SELECT ${columns} FROM ledger_entries WHERE run_id = ? ORDER BY seq LIMIT ?`).all(filter.runId, limit)
      : this.sqlite.prepare(`SELECT ${columns} FROM ledger_entries ORDER BY seq DESC LIMIT ?`).all(limit)) as (Omit<LedgerEntryView, 'payload'> & { payload: string })[];
    return rows.map((r) => ({ ...r, payload: JSON.parse(r.payload) }));
  }

  /** Entries newest first over the whole ledger, a page at a time (see main/ledger/query.ts). */
  searchLedger(request: Omit<LedgerPageRequest, 'withPayload'>): LedgerPageView {
    const page = this.ledgerQueries.page({ ...request, withPayload: true });
    return {
      entries: page.entries.map((e) => ({
        seq: e.seq, at: e.at, kind: e.kind, runId: e.runId, stepId: e.stepId, clientKey: e.clientKey, connector: e.connector,
        payload: JSON.parse(e.payload!), hash: e.hash,
      })),
      nextCursor: page.nextCursor,
      searchedBackTo: page.searchedBackTo,
    };
  }

  /** Runs waiting for a person: the reason is the latest notification's, `since` when the run got stuck. */
  listAttention(): AttentionItem[] {
    const rows = this.sqlite.prepare(`SELECT r.id, (SELECT n.reason FROM notifications n WHERE n.run_id = r.id ORDER BY n.created_at DESC LIMIT 1) AS reason,
      (SELECT n.created_at FROM notifications n WHERE n.run_id = r.id ORDER BY n.created_at DESC LIMIT 1) AS since
      FROM runs r WHERE r.status = 'needs_attention' ORDER BY r.updated_at`).all() as { id: string; reason: string | null; since: number | null }[];
    // Summarised in batches: the queue can hold thousands after an outage.
    const runs = new Map(this.runSummaries(rows.map((r) => r.id)).map((run) => [run.id, run]));
    return rows.map((r) => {
      const run = runs.get(r.id)!;
      return { run, reason: r.reason ?? 'a step cannot go on by itself', since: r.since ?? run.updatedAt };
    });
  }

  listExchanges(runId: string, attemptId?: string): ExchangeView[] {
    const rows = (attemptId
      ? this.sqlite.prepare(`SELECT seq, at, connector, run_id AS runId, step_id AS stepId, attempt_id AS attemptId, payload FROM ledger_entries
          WHERE run_id = ? AND attempt_id = ? AND kind = 'http.exchange' ORDER BY seq`).all(runId, attemptId)
      : this.sqlite.prepare(`SELECT seq, at, connector, run_id AS runId, step_id AS stepId, attempt_id AS attemptId, payload FROM ledger_entries
          WHERE run_id = ? AND kind = 'http.exchange' ORDER BY seq`).all(runId)) as
      { seq: number; at: number; connector: string; runId: string; stepId: string; attemptId: string; payload: string }[];
    return rows.map(({ payload, ...r }) => {
      const p = JSON.parse(payload) as Omit<ExchangeView, 'seq' | 'at' | 'connector' | 'runId' | 'stepId' | 'attemptId'>;
      return { ...r, idempotencyKey: p.idempotencyKey, durationMs: p.durationMs, request: p.request, response: p.response, error: p.error };
    });
  }

  listDeliveries(filter: { endpoint?: string; limit?: number }): DeliveryView[] {
    const columns = `id, endpoint_slug AS endpointSlug, received_at AS receivedAt, status, reason, provider_delivery_id AS providerDeliveryId, run_id AS runId`;
    const limit = filter.limit ?? 200;
    return (filter.endpoint
      ? this.sqlite.prepare(`SELECT ${columns} FROM deliveries WHERE endpoint_slug = ? ORDER BY received_at DESC LIMIT ?`).all(filter.endpoint, limit)
      : this.sqlite.prepare(`SELECT ${columns} FROM deliveries ORDER BY received_at DESC LIMIT ?`).all(limit)) as DeliveryView[];
  }
}
