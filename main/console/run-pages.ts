/**
 * The runs list a page at a time, for any number of runs. Runs come newest first by (created_at, id), every
 * filter is applied in SQL, and a page continues after the last run the console holds (a keyset cursor), so it
 * is an index range scan however deep the list goes and stays stable while new runs arrive at the top. A jump
 * down the list (the scrollbar dragged) starts at an offset instead: the skipped runs are walked on the index
 * alone, and only the page's own runs are summarised.
 */
import type Database from 'better-sqlite3';
import { addCondition, likeLiteral, whereSql } from '../../db/sql-conditions';
import type { RunStatus } from '../../preload/api';

export interface RunFilter {
  status?: RunStatus;
  workflowId?: string;
  /** A prefix of the client key, in any case (contract ids share a prefix by year). */
  clientKey?: string;
  /** Anywhere in the client key, the run id or the workflow's name, in any case. */
  text?: string;
  /** Created at or after / at or before, epoch ms. */
  from?: number;
  to?: number;
}

export interface RunPageRequest extends RunFilter {
  /** The last run already shown: the page starts right after it. */
  after?: { createdAt: number; id: string };
  /** Runs to skip (after `after`, when given). */
  offset?: number;
  /** @default 200 */
  limit?: number;
}

export interface RunPageIds {
  ids: string[];
  /** Runs matching the filter; counted only when the page does not continue after a run (`after`). */
  total: number | null;
  more: boolean;
}

function whereClause(f: RunFilter, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  const when = (value: unknown, name: string, condition: string) => addCondition(where, params, value === '' ? undefined : value, name, condition);
  when(f.status, 'status', 'r.status = @status');
  when(f.workflowId, 'workflowId', 'r.workflow_id = @workflowId');
  when(f.from, 'from', 'r.created_at >= @from');
  when(f.to, 'to', 'r.created_at <= @to');
  // LIKE ignores ASCII case, as the console's filters do.
  const client = f.clientKey?.trim();
  when(client ? `${likeLiteral(client)}%` : undefined, 'clientPrefix', `r.client_key LIKE @clientPrefix ESCAPE '\\'`);
  const text = f.text?.trim();
  when(text ? `%${likeLiteral(text)}%` : undefined, 'text', `(r.client_key LIKE @text ESCAPE '\\' OR r.id LIKE @text ESCAPE '\\'
    OR r.workflow_id IN (SELECT id FROM workflows WHERE name LIKE @text ESCAPE '\\'))`);
  return where;
}

export class RunPages {
  constructor(private readonly sqlite: Database.Database) {}

  /** The ids of one page, in list order; the caller summarises them. */
  page(request: RunPageRequest): RunPageIds {
    const limit = request.limit ?? 200;
    const params: Record<string, unknown> = {};
    const where = whereClause(request, params);
    const filtered = [...where];
    if (request.after) {
      // Written so the created_at range alone narrows the index; the id only breaks ties within one millisecond.
      where.push('r.created_at <= @afterAt AND (r.created_at < @afterAt OR r.id < @afterId)');
      Object.assign(params, { afterAt: request.after.createdAt, afterId: request.after.id });
    }
    const rows = this.sqlite
      .prepare(`SELECT r.id FROM runs r ${whereSql(where)} ORDER BY r.created_at DESC, r.id DESC LIMIT @limit OFFSET @offset`)
      .pluck()
      .all({ ...params, limit: limit + 1, offset: request.offset ?? 0 }) as string[];
    const more = rows.length > limit;
    const total = request.after
      ? null
      : (this.sqlite.prepare(`SELECT count(*) FROM runs r ${whereSql(filtered)}`).pluck().get(params) as number);
    return { ids: more ? rows.slice(0, limit) : rows, total, more };
  }

  /** The plan SQLite picks for a page, one line per step (tests hold the indexes to their job). */
  plan(request: RunPageRequest): string[] {
    const params: Record<string, unknown> = {};
    const where = whereClause(request, params);
    return (this.sqlite.prepare(`EXPLAIN QUERY PLAN SELECT r.id FROM runs r ${whereSql(where)} ORDER BY r.created_at DESC, r.id DESC LIMIT 201`)
      .all(params) as { detail: string }[]).map((r) => r.detail);
  }
}
