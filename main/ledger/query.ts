/**
 * Finding entries: what the console's ledger and payload views ask for. Pages run newest first by (at, seq)
 * and a cursor is the last (at, seq) seen, so paging is stable while new entries arrive and every page is an
 * index range scan, never an OFFSET. Which index serves which filter is in `LEDGER_QUERY_INDEXES`, checked by
 * query.test.ts with EXPLAIN QUERY PLAN.
 *
 * Free text has no index (a payload is any JSON), so a text search reads at most `TEXT_SCAN` entries per page:
 * a rare word costs many short pages rather than one call that reads the whole ledger while the console waits.
 */
import type Database from 'better-sqlite3';
import { addCondition, likeLiteral, whereSql } from '../../db/sql-conditions';
import type { LedgerRow } from './entry';

/** All given filters must hold (AND). */
export interface LedgerFilter {
  runId?: string;
  /** The trigger's business key (a contract id): entries recorded with it and every entry of that client's runs. */
  clientKey?: string;
  connector?: string;
  endpointSlug?: string;
  kinds?: string[];
  /** See `ENTRY_STATUS_SQL`: an HTTP status (`429`, or a class `4xx`), a run/step status reached, an attempt outcome. */
  status?: string;
  /** Epoch milliseconds, inclusive. */
  from?: number;
  to?: number;
  /** Anywhere in the kind, client key, run id, step id, connector or payload, in any (ASCII) case. */
  text?: string;
}

export interface LedgerPageRequest extends LedgerFilter {
  /** From the previous page's `nextCursor`; absent for the newest page. */
  cursor?: string | null;
  /** @default 50, at most 500 */
  limit?: number;
  /** Include each entry's payload (canonical JSON text), for a view that shows it. */
  withPayload?: boolean;
}

/** An entry without its payload (which can be hundreds of KiB): what a list shows. */
export interface LedgerEntrySummary extends Omit<LedgerRow, 'payload' | 'prevHash'> {
  status: string | number | null;
  payloadBytes: number;
}

export interface LedgerPage {
  entries: (LedgerEntrySummary & { payload?: string })[];
  /** Null on the last page. */
  nextCursor: string | null;
  /**
   * A text search that stopped at its reading bound before the page was full: the time of the oldest entry
   * read. The search goes on from `nextCursor`. Null otherwise.
   */
  searchedBackTo: number | null;
}

/** How many entries one page of a text search reads at most (see the header). */
export const TEXT_SCAN = 10_000;

/** Expected failure: input the console should show, not a bug. */
export class LedgerQueryError extends Error {
  override name = 'LedgerQueryError';
}

/**
 * An entry's status, whatever its kind: an http.exchange's response status, the status a run or step moved
 * `to`, an attempt's outcome. One expression, so one expression index (`ledger_status`) can serve it: SQLite
 * uses an expression index only for the identical expression.
 */
// Guarded by json_valid: an index over json_extract would otherwise refuse any row whose payload is not JSON, and
// verify must be able to find (not be blocked from seeing) a tampered entry.
export const ENTRY_STATUS_SQL = `CASE WHEN json_valid(payload) THEN coalesce(json_extract(payload, '$.response.status'), json_extract(payload, '$.to'), json_extract(payload, '$.status')) END`;

/**
 * The indexes these queries rely on. `ledger_run`, `ledger_client`, `ledger_kind` and `ledger_at` are in
 * db/schema.ts; `ledger_connector`, `ledger_endpoint` and `ledger_status` in migration 0004 (they are repeated
 * here with IF NOT EXISTS for ledgers built without the migrations, as some benches do). Filters that select many entries
 * are indexed as (filter, at): SQLite appends the rowid (`seq`) to every index, so such an index already
 * holds the page order (at, seq) and a page, with or without a time range, is read straight off it.
 */
export const LEDGER_QUERY_INDEXES = {
  ledger_run: 'CREATE INDEX IF NOT EXISTS ledger_run ON ledger_entries (run_id, seq)',
  ledger_client: 'CREATE INDEX IF NOT EXISTS ledger_client ON ledger_entries (client_key, seq)',
  ledger_kind: 'CREATE INDEX IF NOT EXISTS ledger_kind ON ledger_entries (kind, at)',
  ledger_at: 'CREATE INDEX IF NOT EXISTS ledger_at ON ledger_entries (at)',
  ledger_connector: 'CREATE INDEX IF NOT EXISTS ledger_connector ON ledger_entries (connector, at)',
  ledger_endpoint: 'CREATE INDEX IF NOT EXISTS ledger_endpoint ON ledger_entries (endpoint_slug, at)',
  ledger_status: `CREATE INDEX IF NOT EXISTS ledger_status ON ledger_entries (${ENTRY_STATUS_SQL}, at)`,
} as const;

const SUMMARY_COLUMNS = `seq, at, kind, run_id AS runId, step_id AS stepId, attempt_id AS attemptId, client_key AS clientKey,
  connector, endpoint_slug AS endpointSlug, ${ENTRY_STATUS_SQL} AS status, length(CAST(payload AS BLOB)) AS payloadBytes, hash`;

const FULL_COLUMNS = `seq, at, kind, run_id AS runId, step_id AS stepId, attempt_id AS attemptId, client_key AS clientKey,
  connector, endpoint_slug AS endpointSlug, payload, prev_hash AS prevHash, hash`;

interface Cursor {
  at: number;
  seq: number;
}

export function encodeCursor({ at, seq }: Cursor): string {
  return Buffer.from(JSON.stringify({ at, seq })).toString('base64url');
}

function decodeCursor(cursor: string): Cursor {
  try {
    const { at, seq } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (Number.isSafeInteger(at) && Number.isSafeInteger(seq)) return { at: at as number, seq: seq as number };
  } catch {
    // falls through to the error below
  }
  throw new LedgerQueryError('That page cursor is not one this ledger gave out; start again from the newest page.');
}

/**
 * Which filter's index drives the page: the most selective one given. The others are written `+column`, which
 * keeps SQLite from mixing in a second, less selective index (a run's 30 entries must not be found by walking
 * every http.exchange). Filters indexed as (filter, at) keep the time range on the same index.
 */
type Driver = 'run' | 'client' | 'status' | 'endpoint' | 'connector' | 'kind' | 'time';

function driverOf(f: LedgerFilter): Driver {
  if (f.runId !== undefined) return 'run';
  if (f.clientKey !== undefined) return 'client';
  if (f.status?.trim()) return 'status';
  if (f.endpointSlug !== undefined) return 'endpoint';
  if (f.connector !== undefined) return 'connector';
  if (f.kinds?.length) return 'kind';
  return 'time';
}

/** `429` -> equality, `4xx` -> a range over the index, anything else -> text equality. */
function statusCondition(expression: string, status: string, params: Record<string, unknown>): string {
  const s = status.trim();
  if (/^[1-5]xx$/i.test(s)) {
    params.statusLow = Number(s[0]) * 100;
    params.statusHigh = Number(s[0]) * 100 + 99;
    return `${expression} BETWEEN @statusLow AND @statusHigh`;
  }
  params.status = /^\d{3}$/.test(s) ? Number(s) : s;
  return `${expression} = @status`;
}

function whereClause(f: LedgerFilter, params: Record<string, unknown>): string[] {
  const driver = driverOf(f);
  const col = (name: string, drives: boolean) => (drives ? name : `+${name}`);
  const timeOnIndex = driver === 'time' || driver === 'endpoint' || driver === 'connector' || driver === 'kind' || driver === 'status';
  const where: string[] = [];
  const when = (value: unknown, name: string, condition: string) => addCondition(where, params, value, name, condition);
  when(f.runId, 'runId', 'run_id = @runId');
  // Step and exchange entries do not carry the client key themselves: the client's runs link them.
  when(f.clientKey, 'clientKey', `(${col('client_key', driver === 'client')} = @clientKey OR ${col('run_id', driver === 'client')} IN (SELECT id FROM runs WHERE client_key = @clientKey))`);
  if (f.status?.trim()) where.push(statusCondition(driver === 'status' ? ENTRY_STATUS_SQL : `+${ENTRY_STATUS_SQL}`, f.status, params));
  when(f.endpointSlug, 'endpointSlug', `${col('endpoint_slug', driver === 'endpoint')} = @endpointSlug`);
  when(f.connector, 'connector', `${col('connector', driver === 'connector')} = @connector`);
  if (f.kinds?.length) {
    where.push(`${col('kind', driver === 'kind')} IN (${f.kinds.map((_, i) => `@kind${i}`).join(', ')})`);
    f.kinds.forEach((k, i) => (params[`kind${i}`] = k));
  }
  when(f.from, 'from', `${col('at', timeOnIndex)} >= @from`);
  when(f.to, 'to', `${col('at', timeOnIndex)} <= @to`);
  return where;
}

function textCondition(text: string, params: Record<string, unknown>): string {
  params.text = `%${likeLiteral(text)}%`;
  return `(${['kind', 'client_key', 'run_id', 'step_id', 'connector', 'payload'].map((c) => `${c} LIKE @text ESCAPE '\\'`).join(' OR ')})`;
}

export class LedgerQueries {
  private readonly statements = new Map<string, Database.Statement>();

  constructor(
    private readonly sqlite: Database.Database,
    /** Entries one page of a text search reads at most. @default TEXT_SCAN */
    private readonly textScan = TEXT_SCAN,
  ) {}

  /** One page of entries matching `request`, newest first. Throws LedgerQueryError for a bad cursor or limit. */
  page(request: LedgerPageRequest = {}): LedgerPage {
    const limit = request.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new LedgerQueryError('A page holds 1 to 500 entries.');
    const { sql, params, floor } = this.pageSql(request);
    const rows = this.statement(sql).all({ ...params, limit: limit + 1 }) as LedgerPage['entries'];
    const more = rows.length > limit;
    const entries = more ? rows.slice(0, limit) : rows;
    if (more) return { entries, nextCursor: encodeCursor(entries.at(-1)!), searchedBackTo: null };
    // Read up to the bound without filling the page: older entries are still to be searched, from the bound on.
    return floor ? { entries, nextCursor: encodeCursor(floor), searchedBackTo: floor.at } : { entries, nextCursor: null, searchedBackTo: null };
  }

  /** One entry with its payload, for the payload view. */
  entry(seq: number): LedgerRow | null {
    return (this.statement(`SELECT ${FULL_COLUMNS} FROM ledger_entries WHERE seq = ?`).get(seq) as LedgerRow | undefined) ?? null;
  }

  /** The plan SQLite picks for a request, one line per step (for tests, and for diagnosing a slow view). */
  plan(request: LedgerPageRequest = {}): string[] {
    const { sql, params } = this.pageSql({ ...request, text: undefined });
    const rows = this.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all({ ...params, limit: 51 }) as { detail: string }[];
    return rows.map((r) => r.detail);
  }

  private pageSql(request: LedgerPageRequest): { sql: string; params: Record<string, unknown>; floor: Cursor | null } {
    const params: Record<string, unknown> = {};
    const where = whereClause(request, params);
    if (request.cursor) {
      const { at, seq } = decodeCursor(request.cursor);
      where.push('(at, seq) < (@beforeAt, @beforeSeq)');
      Object.assign(params, { beforeAt: at, beforeSeq: seq });
    }
    let floor: Cursor | null = null;
    const text = request.text?.trim();
    if (text) {
      // The oldest entry this page may read: found on the same index the page uses, without reading payloads.
      floor = (this.statement(`SELECT at, seq FROM ledger_entries ${whereSql(where)} ORDER BY at DESC, seq DESC LIMIT 1 OFFSET ${this.textScan - 1}`)
        .get(params) as Cursor | undefined) ?? null;
      if (floor) {
        where.push('(at, seq) >= (@floorAt, @floorSeq)');
        Object.assign(params, { floorAt: floor.at, floorSeq: floor.seq });
      }
      where.push(textCondition(text, params));
    }
    const columns = request.withPayload ? `${SUMMARY_COLUMNS}, payload` : SUMMARY_COLUMNS;
    const sql = `SELECT ${columns} FROM ledger_entries ${whereSql(where)} ORDER BY at DESC, seq DESC LIMIT @limit`;
    return { sql, params, floor };
  }

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.sqlite.prepare(sql)));
    return statement;
  }
}
