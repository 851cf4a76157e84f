/**
 * Which entries an export covers, and each entry with what its run adds (workflow, client). Entries come in
 * chain order (`seq`), one at a time from SQLite, so an export never holds the ledger in memory.
 */
import type Database from 'better-sqlite3';
import { addCondition, whereSql } from '../../db/sql-conditions';
import type { LedgerRow } from './entry';
import { ENTRY_STATUS_SQL } from './query';
import { watched } from './export-watch';

/** An export's filters; all given ones must hold. */
export interface ExportFilters {
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, inclusive. */
  to?: number;
  /** Entries of this workflow's runs, and the configuration changes that name it. */
  workflowId?: string;
  /** Entries of this client: recorded with its key, or belonging to one of its runs. */
  clientKey?: string;
  connector?: string;
}

/** An entry as exports see it: the stored row, plus what is derived from its run and payload. */
export interface ScopedEntry extends LedgerRow {
  workflowId: string | null;
  /** The entry's client key, else its run's. */
  client: string | null;
  status: string | number | null;
  httpMethod: string | null;
  httpUrl: string | null;
  httpStatus: number | null;
  durationMs: number | null;
  idempotencyKey: string | null;
}

export interface ScopeStats {
  count: number;
  firstSeq: number | null;
  lastSeq: number | null;
  firstAt: number | null;
  lastAt: number | null;
}

/**
 * `FROM ... WHERE ...` over `e` (the entry) and `r` (its run), with named parameters; `and` adds conditions.
 */
export function scopeSql(filters: ExportFilters, and: string[] = []): { from: string; params: Record<string, unknown> } {
  const where = [...and];
  const params: Record<string, unknown> = {};
  const when = (value: unknown, name: string, condition: string) => addCondition(where, params, value, name, condition);
  when(filters.from, 'from', 'e.at >= @from');
  when(filters.to, 'to', 'e.at <= @to');
  when(filters.connector, 'connector', 'e.connector = @connector');
  when(filters.clientKey, 'client', 'coalesce(e.client_key, r.client_key) = @client');
  when(filters.workflowId, 'workflow', `(r.workflow_id = @workflow OR (e.kind = 'config.changed' AND @workflow IN
    (json_extract(e.payload, '$.workflowId'), json_extract(e.payload, '$.after.workflowId'), json_extract(e.payload, '$.before.workflowId'))))`);
  const from = `FROM ledger_entries e LEFT JOIN runs r ON r.id = e.run_id ${whereSql(where)}`;
  return { from, params };
}

const ENTRY_COLUMNS = `e.seq, e.at, e.kind, e.run_id AS runId, e.step_id AS stepId, e.attempt_id AS attemptId,
  e.client_key AS clientKey, e.connector, e.endpoint_slug AS endpointSlug, e.payload, e.prev_hash AS prevHash, e.hash,
  r.workflow_id AS workflowId, coalesce(e.client_key, r.client_key) AS client,
  ${ENTRY_STATUS_SQL.replaceAll('payload', 'e.payload')} AS status,
  CASE WHEN e.kind = 'http.exchange' THEN json_extract(e.payload, '$.request.method') END AS httpMethod,
  CASE WHEN e.kind = 'http.exchange' THEN json_extract(e.payload, '$.request.url') END AS httpUrl,
  CASE WHEN e.kind = 'http.exchange' THEN json_extract(e.payload, '$.response.status') END AS httpStatus,
  CASE WHEN e.kind = 'http.exchange' THEN json_extract(e.payload, '$.durationMs') END AS durationMs,
  json_extract(e.payload, '$.idempotencyKey') AS idempotencyKey`;

/** The scoped entries in chain order, streamed: the statement stays open while the caller iterates. */
export function scopedEntries(sqlite: Database.Database, filters: ExportFilters): IterableIterator<ScopedEntry> {
  const { from, params } = scopeSql(filters);
  return watched(sqlite, sqlite.prepare(`SELECT ${ENTRY_COLUMNS} ${from} ORDER BY e.seq`).iterate(params) as IterableIterator<ScopedEntry>);
}

export function scopeStats(sqlite: Database.Database, filters: ExportFilters): ScopeStats {
  const { from, params } = scopeSql(filters);
  return sqlite.prepare(`SELECT count(*) AS count, min(e.seq) AS firstSeq, max(e.seq) AS lastSeq, min(e.at) AS firstAt,
    max(e.at) AS lastAt ${from}`).get(params) as ScopeStats;
}

/** The whole ledger's head at this moment (in the caller's read transaction): what an integrity note names. */
export function ledgerHead(sqlite: Database.Database): { seq: number; hash: string } | null {
  return (sqlite.prepare('SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined) ?? null;
}
