/**
 * Recovery: 10,000 runs in flight (one HTTP step each, to a local server answering in 20 ms), Keel killed with
 * SIGKILL, restarted: how long until every run is back in the scheduler's hands, and then whether any run was
 * lost or any side effect doubled (the server counts calls per idempotency key, as Stripe would dedupe them).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../db';
import { killKeelChild, startKeelChild } from '../../main/test-support/keel-child-process';
import { startLatencyServer } from '../../main/test-support/latency-server';
import { round } from '../measure';

const RUNS = Number(process.env.BENCH_RECOVERY_RUNS ?? 10_000);
const server = await startLatencyServer(20);
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-recovery-'));

const start = (seed: number) =>
  startKeelChild(dataDir, { KEEL_TEST_LIGHT_URL: `${server.url}/effect`, KEEL_TEST_SEED_RUNS: String(seed), KEEL_KEYCHAIN_SERVICE: 'keel-bench-recovery' });

const first = await start(RUNS);
await new Promise((r) => setTimeout(r, 300)); // let attempts get out
await killKeelChild(first.child);
const store = openDb(path.join(dataDir, 'keel.db'));
const atKill = store.sqlite.prepare('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all();
const inFlightAtKill = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'in_flight'").get() as { n: number }).n;

const second = await start(0);
// Resumed: the restarted engine has recovered every attempt cut off mid-call and taken the runs back.
const t0 = performance.now();
let resumedMs = NaN;
for (;;) {
  const orphans = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'in_flight' AND started_at < ?").get(Date.now() - 5_000) as { n: number }).n;
  const interrupted = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'interrupted'").get() as { n: number }).n;
  if (orphans === 0 && interrupted >= inFlightAtKill) {
    resumedMs = second.readyMs + (performance.now() - t0);
    break;
  }
  await new Promise((r) => setTimeout(r, 5));
}
const deadline = Date.now() + 300_000;
for (;;) {
  const open = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE status != 'completed'").get() as { n: number }).n;
  if (open === 0 || Date.now() > deadline) break;
  await new Promise((r) => setTimeout(r, 100));
}
const runs = (store.sqlite.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n;
const completed = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'completed'").get() as { n: number }).n;
second.child.kill('SIGKILL');
store.close();
const keys = [...server.received.entries()].filter(([k]) => k);
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'recovery',
  settings: { runs: RUNS, latencyMs: 20, killAfterMs: 300, durability: 'full (WAL)' },
  atKill: { runs: atKill, attemptsInFlight: inFlightAtKill },
  resumedMs: round(resumedMs),
  lost: RUNS - runs + (runs - completed),
  // A re-sent call after the crash carries the same key, so the provider applies it once.
  effectsDoubled: keys.length - new Set(keys.map(([k]) => k.replace(/-g\d+$/, ''))).size,
  callsResentWithSameKey: keys.filter(([, n]) => n > 1).length,
  distinctEffects: keys.length,
}));
