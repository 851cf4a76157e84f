/**
 * Console queries and verify over a large ledger (BENCH_LEDGER_ENTRIES, default 1,000,000), with the indexes
 * of LEDGER_QUERY_INDEXES: the latency of each kind of query, first page and a later page, and the plan used.
 */
import os from 'node:os';
import Database from 'better-sqlite3';
import { LedgerQueries, type LedgerPageRequest } from '../../main/ledger/query';
import { verifyChain } from '../../main/ledger/verify';
import { verifyStoreFile } from '../../main/ledger/verify-parallel';
import { percentile, round } from '../measure';
import { BENCH_T0, prepareBenchLedger } from './ledger-fixture';

const ENTRIES = Number(process.env.BENCH_LEDGER_ENTRIES ?? 1_000_000);
const REPEAT = 20;
const DAY = 86_400_000;

const { file, builtSeconds } = prepareBenchLedger(ENTRIES);
const sqlite = new Database(file, { readonly: true });
const queries = new LedgerQueries(sqlite);
const runs = sqlite.prepare('SELECT count(*) FROM runs').pluck().get() as number;
const someRun = `run-${String(Math.floor(runs / 2)).padStart(7, '0')}`;

const cases: Record<string, LedgerPageRequest> = {
  newest: {},
  run: { runId: someRun },
  client: { clientKey: 'C-2026-00042' },
  connector: { connector: 'asana' },
  endpoint: { endpointSlug: 'contracts' },
  kind: { kinds: ['run.status'] },
  'status 429': { status: '429' },
  'status 4xx': { status: '4xx' },
  'status needs_attention': { status: 'needs_attention' },
  'last hour': { from: BENCH_T0 + 10 * DAY, to: BENCH_T0 + 10 * DAY + 3_600_000 },
  'wide range': { from: BENCH_T0, to: BENCH_T0 + 365 * DAY },
  'client + kind': { clientKey: 'C-2026-00042', kinds: ['http.exchange'] },
  'connector + day': { connector: 'stripe', from: BENCH_T0 + 3 * DAY, to: BENCH_T0 + 4 * DAY },
  'kinds (2)': { kinds: ['run.status', 'delivery.accepted'] },
};

const figures: Record<string, { p50Ms: number; maxMs: number; nextPageMs: number; plan: string }> = {};
for (const [name, request] of Object.entries(cases)) {
  const times: number[] = [];
  let page = queries.page(request);
  for (let i = 0; i < REPEAT; i++) {
    const t0 = performance.now();
    page = queries.page(request);
    times.push(performance.now() - t0);
  }
  const t0 = performance.now();
  if (page.nextCursor) queries.page({ ...request, cursor: page.nextCursor });
  figures[name] = { p50Ms: round(percentile(times, 50), 2), maxMs: round(Math.max(...times), 2), nextPageMs: round(performance.now() - t0, 2), plan: queries.plan(request).join('; ') };
}

let t0 = performance.now();
const verdict = verifyChain(sqlite);
const verifySeconds = (performance.now() - t0) / 1000;
t0 = performance.now();
const parallel = await verifyStoreFile(file);
const parallelSeconds = (performance.now() - t0) / 1000;
if (!verdict.intact || !parallel.intact) throw new Error('the chain did not verify');

console.log(JSON.stringify({
  scenario: 'ledger-query',
  settings: { entries: verdict.checked, runs, repeat: REPEAT, ledgerBuiltSeconds: builtSeconds === null ? 'reused' : round(builtSeconds) },
  worstP50Ms: Math.max(...Object.values(figures).map((f) => f.p50Ms)),
  queries: figures,
  verify: { entriesPerSecond: round(verdict.checked / verifySeconds, 0), seconds: round(verifySeconds) },
  verifyOnWorkers: { entriesPerSecond: round(parallel.checked / parallelSeconds, 0), seconds: round(parallelSeconds), threads: Math.min(os.availableParallelism(), 4) },
}));
