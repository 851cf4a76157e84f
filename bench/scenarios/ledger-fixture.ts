/**
 * A large ledger shaped like the onboarding workflow's, built through the real `Ledger` for the ledger-*
 * scenarios. Building 1,000,000 entries takes about a minute, so a built file is kept and reused (by size)
 * in the system temp folder unless BENCH_LEDGER_FRESH=1. Run directly (`node --import tsx
 * bench/scenarios/ledger-fixture.ts N`) it builds and exits, so a scenario can build in a child process and
 * keep its own memory figures clean.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDb, type Store } from '../../db';
import type { NewLedgerEntry } from '../../main/ledger/entry';
import { Ledger } from '../../main/ledger/ledger';
import { LEDGER_QUERY_INDEXES } from '../../main/ledger/query';

const T0 = Date.UTC(2026, 9, 1);
const STEPS = [
  { id: 'stripe_customer', connector: 'stripe', path: '/v1/customers', money: false },
  { id: 'stripe_subscription', connector: 'stripe', path: '/v1/subscriptions', money: true },
  { id: 'asana_project', connector: 'asana', path: '/api/1.0/projects', money: false },
  { id: 'slack_channel', connector: 'slack', path: '/api/conversations.create', money: false },
];

/** One onboarding run: 27 entries, one http.exchange per step (~1.5 KB payloads), a 429 now and then. */
function runEntries(r: number, at: () => number): NewLedgerEntry[] {
  const runId = `run-${String(r).padStart(7, '0')}`;
  const clientKey = `C-2026-${String(r % 5000).padStart(5, '0')}`;
  const outcome = r % 50 === 0 ? 'needs_attention' : 'completed';
  const entries: NewLedgerEntry[] = [
    { kind: 'delivery.accepted', at: at(), runId, endpointSlug: 'contracts', payload: { deliveryId: `d-${r}`, body: { type: 'contract.signed', data: { contract_id: clientKey, plan: r % 3 ? 'starter' : 'enterprise', client: { company: `Client ${r} GmbH`, email: `ops${r}@client.example` } } }, headers: { 'content-type': 'application/json', 'webhook-id': `msg_${r}` } } },
    { kind: 'run.created', at: at(), runId, clientKey, payload: { workflowId: 'client-onboarding', version: 1, steps: STEPS.map((s) => s.id) } },
  ];
  for (const [i, step] of STEPS.entries()) {
    const attemptId = `${runId}-a${i}`;
    const status = outcome === 'needs_attention' && i === 3 ? 429 : 200;
    const amount = r % 3 ? 4900 : 49900;
    const response = step.money ? `{"id":"sub_${r}","object":"subscription","currency":"eur","items":{"data":[{"price":{"unit_amount":${amount},"currency":"eur"},"quantity":1}]}}` : `{"id":"obj_${r}_${i}","ok":true}`;
    entries.push(
      { kind: 'step.status', at: at(), runId, stepId: step.id, payload: { from: 'pending', to: 'queued', reason: 'the steps it needs are done' } },
      { kind: 'step.status', at: at(), runId, stepId: step.id, payload: { from: 'queued', to: 'running', reason: null } },
      { kind: 'attempt.started', at: at(), runId, stepId: step.id, attemptId, clientKey, connector: step.connector, payload: { action: `${step.connector}.${step.id}`, idempotencyKey: `keel-${runId}-${step.id}-g0`, number: 1 } },
      { kind: 'http.exchange', at: at() - 100, runId, stepId: step.id, attemptId, connector: step.connector, payload: {
        durationMs: 48.2, idempotencyKey: `keel-${runId}-${step.id}-g0`, error: null,
        request: { method: 'POST', url: `https://api.example.com${step.path}`, headers: { authorization: 'Bearer [redacted:1a2b3c4d]', 'content-type': 'application/x-www-form-urlencoded', 'idempotency-key': `keel-${runId}-${step.id}-g0` }, body: { text: `name=Client%20${r}&email=ops${r}%40client.example&metadata[contract_id]=${clientKey}`, encoding: 'utf8', bytes: 90, sha256: 'a'.repeat(64), truncated: false } },
        response: { status, headers: { 'content-type': 'application/json', 'request-id': `req_${r}_${i}` }, body: { text: response, encoding: 'utf8', bytes: response.length, sha256: 'b'.repeat(64), truncated: false } },
      } },
      { kind: 'attempt.finished', at: at(), runId, stepId: step.id, attemptId, clientKey, payload: { number: 1, status: status === 200 ? 'succeeded' : 'failed', adopted: false } },
      { kind: 'step.status', at: at(), runId, stepId: step.id, payload: { from: 'running', to: status === 200 ? 'succeeded' : 'needs_attention', reason: null } },
    );
  }
  entries.push({ kind: 'run.status', at: at(), runId, clientKey, payload: { from: 'running', to: outcome } });
  return entries;
}

export interface BenchLedger {
  store: Store;
  entries: number;
  runs: number;
  builtSeconds: number | null;
}

/** Opens (building it first when needed) a ledger of at least `entries` entries with the proposed indexes. */
export function benchLedger(entries: number): BenchLedger {
  const file = benchLedgerFile(entries);
  if (process.env.BENCH_LEDGER_FRESH === '1') fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const existed = fs.existsSync(file);
  const store = openDb(file, { durability: 'normal' });
  for (const ddl of Object.values(LEDGER_QUERY_INDEXES)) store.sqlite.exec(ddl);
  const count = () => (store.sqlite.prepare('SELECT count(*) FROM ledger_entries').pluck().get() as number);
  if (existed && count() >= entries) {
    return { store, entries: count(), runs: store.sqlite.prepare('SELECT count(*) FROM runs').pluck().get() as number, builtSeconds: null };
  }
  const t0 = performance.now();
  const ledger = new Ledger(store.sqlite);
  const insertRun = store.sqlite.prepare(`INSERT INTO runs (id, workflow_id, workflow_version, client_key, trigger, status, created_at, updated_at)
    VALUES (?, 'client-onboarding', 1, ?, '{}', ?, ?, ?)`);
  let clock = T0;
  const at = () => (clock += 2_000);
  let r = 0;
  while (count() < entries) {
    store.sqlite.transaction(() => {
      for (let i = 0; i < 100; i++, r++) {
        const batch = runEntries(r, at);
        insertRun.run(batch[0]!.runId, batch[1]!.clientKey, r % 50 === 0 ? 'needs_attention' : 'completed', clock, clock);
        for (const e of batch) ledger.append(e);
      }
    })();
  }
  return { store, entries: count(), runs: r, builtSeconds: (performance.now() - t0) / 1000 };
}

export const BENCH_T0 = T0;

export function benchLedgerFile(entries: number): string {
  return path.join(os.tmpdir(), `keel-bench-ledger-${entries}`, 'keel.db');
}

/** Builds the ledger in a child process (its memory is not this process's), returning the file and build time. */
export function prepareBenchLedger(entries: number): { file: string; builtSeconds: number | null } {
  const out = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), String(entries)], { encoding: 'utf8', env: process.env });
  return { file: benchLedgerFile(entries), builtSeconds: JSON.parse(out.trim().split('\n').at(-1)!).builtSeconds };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const built = benchLedger(Number(process.argv[2] ?? 1_000_000));
  built.store.close();
  console.log(JSON.stringify({ entries: built.entries, builtSeconds: built.builtSeconds }));
}
