/**
 * The workload other engines are commonly measured on: a webhook starts a run of 3 sequential HTTP POST steps
 * (generic HTTP connector) to a local server answering in 20 ms. One webhook at a time for latency, then
 * 2,000 webhooks from 20 concurrent senders for throughput and memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from '../../main/core/keel';
import { silentLogger } from '../../main/core/logger';
import { startLatencyServer } from '../../main/test-support/latency-server';
import { percentile, pool, round, rssSampler } from '../measure';

const LATENCY_MS = 20;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 100);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const SENDERS = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-'));
const server = await startLatencyServer(LATENCY_MS);
const rss = rssSampler();
const durability = process.env.BENCH_DURABILITY === 'normal' ? 'normal' : 'full';
const keel = await startKeel({ dataDir, shell: 'headless', logger: silentLogger, concurrency: 64, durability });
const step = (id: string, needs: string[]) => ({
  id, action: 'http.request', needs, input: { method: 'POST', url: `${server.url}/${id}`, body: { order: '{{ trigger.order }}' } },
});
keel.workflows.publish({ id: 'plain', name: 'Plain HTTP', trigger: { endpoint: 'plain' }, steps: [step('a', []), step('b', ['a']), step('c', ['b'])] });
keel.endpoints.save({ slug: 'plain', workflowId: 'plain', verifier: { provider: 'none' }, secretRefs: [], enabled: true });
const url = `${keel.info.intakeUrl}plain`;

// Settled runs, as the engine commits them (no console coalescing in between).
const settled = new Map<string, number>();
const waiting = new Map<string, () => void>();
const runStatus = keel.store.sqlite.prepare('SELECT status FROM runs WHERE id = ?');
keel.engine.watch((runId) => {
  if (settled.has(runId)) return;
  const status = (runStatus.get(runId) as { status: string } | undefined)?.status;
  if (status === 'completed' || status === 'needs_attention') {
    settled.set(runId, performance.now());
    waiting.get(runId)?.();
  }
});
const settledOnce = (runId: string) => new Promise<void>((resolve) => (settled.has(runId) ? resolve() : waiting.set(runId, resolve)));

async function send(i: number): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `hook-${i}` }, body: JSON.stringify({ order: i }) });
  const answer = (await res.json()) as { runId: string };
  if (res.status !== 200) throw new Error(`intake answered ${res.status}`);
  return answer.runId;
}

// 1. One webhook at a time.
await send(-1).then(settledOnce); // warm-up: JIT, connections
const latencies: number[] = [];
for (let i = 0; i < SEQUENTIAL; i++) {
  const t0 = performance.now();
  const runId = await send(i);
  await settledOnce(runId);
  latencies.push(settled.get(runId)! - t0);
}

// 2. Many senders.
const t0 = performance.now();
const runIds: string[] = [];
await pool(WEBHOOKS, SENDERS, async (i) => {
  runIds.push(await send(100_000 + i));
});
await Promise.all(runIds.map(settledOnce));
const elapsed = (Math.max(...runIds.map((id) => settled.get(id)!)) - t0) / 1000;
const completed = (keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'completed'").get() as { n: number }).n;
const doubled = [...server.received.values()].filter((n) => n > 1).length;
const exchanges = (keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'http.exchange'").get() as { n: number }).n;
rss.stop();
await keel.stop();
await server.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'plain-http',
  settings: { latencyMs: LATENCY_MS, sequentialRuns: SEQUENTIAL, webhooks: WEBHOOKS, senders: SENDERS, concurrency: 64, durability: `${durability} (WAL)`, verifier: 'none' },
  sequential: {
    p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), floorMs: 3 * LATENCY_MS,
    overheadPerStepP50Ms: round((percentile(latencies, 50) - 3 * LATENCY_MS) / 3), overheadPerStepP99Ms: round((percentile(latencies, 99) - 3 * LATENCY_MS) / 3),
  },
  concurrent: { runsPerSecond: round(WEBHOOKS / elapsed, 1), seconds: round(elapsed), completed: completed - SEQUENTIAL - 1, doubledSideEffects: doubled, exchangesInLedger: exchanges },
  peakRssMb: rss.peakMb(),
}));
