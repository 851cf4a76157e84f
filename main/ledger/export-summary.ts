/**
 * What the XLSX summary sheet and the PDF report say about the exported entries: runs by outcome, the money
 * that moved through Stripe, and each client's activity. Computed in one pass over the scope (memory grows
 * with the number of clients, not of entries); the list of money-bearing calls is streamed again when written.
 */
import type Database from 'better-sqlite3';
import { moneyOf } from './export-columns';
import { scopedEntries, scopeSql, type ExportFilters, type ScopedEntry } from './export-scope';
import type { MoneyCall } from './money';

export interface MoneyTotal {
  currency: string;
  object: string;
  calls: number;
  amountMinor: number;
}

export interface ClientSummary {
  client: string;
  runs: number;
  outcomes: Record<string, number>;
  entries: number;
  firstAt: number;
  lastAt: number;
  /** Confirmed Stripe amounts by currency, each Stripe object counted once. */
  money: Record<string, number>;
}

export interface ExportSummary {
  runsByOutcome: Record<string, number>;
  moneyTotals: MoneyTotal[];
  moneyCalls: number;
  clients: ClientSummary[];
}

export interface MoneyLine extends MoneyCall {
  seq: number;
  at: number;
  client: string | null;
  runId: string | null;
  /** False for an unconfirmed call, or for a replay of an object already counted. */
  counted: boolean;
}

/**
 * The outcome each run in scope has reached by the end of the ledger read: the last `run.status` it recorded
 * (`running` when none yet). A run is in scope when any of its entries is.
 */
function runOutcomes(sqlite: Database.Database, filters: ExportFilters): { client: string | null; outcome: string; runs: number }[] {
  const { from, params } = scopeSql(filters, ['e.run_id IS NOT NULL']);
  return sqlite.prepare(`
    WITH scoped AS (SELECT e.run_id AS runId, max(coalesce(e.client_key, r.client_key)) AS client ${from} GROUP BY e.run_id)
    SELECT client, coalesce((SELECT json_extract(s.payload, '$.to') FROM ledger_entries s
                             WHERE s.run_id = scoped.runId AND s.kind = 'run.status' ORDER BY s.seq DESC LIMIT 1), 'running') AS outcome,
           count(*) AS runs
    FROM scoped GROUP BY client, outcome`).all(params) as { client: string | null; outcome: string; runs: number }[];
}

/**
 * Money-bearing Stripe calls in scope, in chain order. `counted` marks the ones totals include: confirmed by
 * Stripe, and the first time each Stripe object appears (an idempotent replay returns the same object).
 */
export function* moneyLines(sqlite: Database.Database, filters: ExportFilters): Generator<MoneyLine> {
  if (filters.connector !== undefined && filters.connector !== 'stripe') return;
  const seen = new Set<string>();
  for (const entry of scopedEntries(sqlite, { ...filters, connector: 'stripe' }) as IterableIterator<ScopedEntry>) {
    const money = moneyOf(entry);
    if (!money) continue;
    const key = money.objectId ?? `entry:${entry.seq}`;
    const counted = money.confirmed && !seen.has(key);
    if (counted) seen.add(key);
    yield { ...money, seq: entry.seq, at: entry.at, client: entry.client, runId: entry.runId, counted };
  }
}

const NO_CLIENT = '(no client)';

export function summarise(sqlite: Database.Database, filters: ExportFilters): ExportSummary {
  const clients = new Map<string, ClientSummary>();
  const client = (key: string | null) => {
    const name = key ?? NO_CLIENT;
    let c = clients.get(name);
    if (!c) clients.set(name, (c = { client: name, runs: 0, outcomes: {}, entries: 0, firstAt: Infinity, lastAt: -Infinity, money: {} }));
    return c;
  };
  const { from, params } = scopeSql(filters);
  const activity = sqlite.prepare(`SELECT coalesce(e.client_key, r.client_key) AS client, count(*) AS entries, min(e.at) AS firstAt,
    max(e.at) AS lastAt ${from} GROUP BY 1`).all(params) as { client: string | null; entries: number; firstAt: number; lastAt: number }[];
  for (const a of activity) Object.assign(client(a.client), { entries: a.entries, firstAt: a.firstAt, lastAt: a.lastAt });

  const runsByOutcome: Record<string, number> = {};
  for (const { client: key, outcome, runs } of runOutcomes(sqlite, filters)) {
    runsByOutcome[outcome] = (runsByOutcome[outcome] ?? 0) + runs;
    const c = client(key);
    c.runs += runs;
    c.outcomes[outcome] = (c.outcomes[outcome] ?? 0) + runs;
  }

  const totals = new Map<string, MoneyTotal>();
  let moneyCalls = 0;
  for (const line of moneyLines(sqlite, filters)) {
    moneyCalls++;
    if (!line.counted) continue;
    const object = line.object ?? 'unknown';
    const key = `${line.currency}\u0000${object}`;
    const total = totals.get(key) ?? { currency: line.currency, object, calls: 0, amountMinor: 0 };
    total.calls++;
    total.amountMinor += line.amountMinor;
    totals.set(key, total);
    const c = client(line.client);
    c.money[line.currency] = (c.money[line.currency] ?? 0) + line.amountMinor;
  }
  return {
    runsByOutcome,
    moneyTotals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency) || a.object.localeCompare(b.object)),
    moneyCalls,
    clients: [...clients.values()].sort((a, b) => (a.client === NO_CLIENT ? 1 : b.client === NO_CLIENT ? -1 : a.client.localeCompare(b.client))),
  };
}
