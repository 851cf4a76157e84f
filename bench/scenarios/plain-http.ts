/**
 * The workload other engines are commonly measured on: a webhook starts a run of 3 sequential HTTP POST steps
 * (generic HTTP connector) to a local server answering in 20 ms. One webhook at a time for latency, then
 * 2,000 webhooks from 20 concurrent senders for throughput and memory.
 *
 * The 20 ms server and the senders run in a process of their own (bench/load/): in use they are other
 * machines, so their CPU and memory are not Keel's. Peak RSS is Keel's process alone.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from '../../main/core/keel';
import { silentLogger } from '../../main/core/logger';
import { startLoadProcess } from '../load/load-process';
import { epochNow, percentile, round, rssSampler } from '../measure';

const LATENCY_MS = 20;
const SEQUENTIAL = Number(process.env.BENCH_SEQUENTIAL ?? 100);
const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const SENDERS = 20;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-'));
const load = await startLoadProcess({ BENCH_LATENCY_MS: String(LATENCY_MS) });
const rss = rssSampler();
const durability = process.env.BENCH_DURABILITY === 'normal' ? 'normal' : 'full';
const keel = await startKeel({ dataDir, shell: 'headless', logger: silentLogger, concurrency: 64, durability });
const step = (id: string, needs: string[]) => ({
  id, action: 'http.request', needs, input: { method: 'POST', url: `${load.serverUrl}/${id}`, body: { order: '{{ trigger.order }}' } },
});
keel.workflows.publish({ id: 'plain', name: 'Plain HTTP', trigger: { endpoint: 'plain' }, steps: [step('a', []), step('b', ['a']), step('c', ['b'])] });
keel.endpoints.save({ slug: 'plain', workflowId: 'plain', verifier: { provider: 'none' }, secretRefs: [], enabled: true });
const url = `${keel.info.intakeUrl}plain`;

// Settled runs, as the engine commits them (no console coalescing in between), in epoch ms like the senders'.
const settled = new Map<string, number>();
const waiting = new Map<string, () => void>();
const runStatus = keel.store.sqlite.prepare('SELECT status FROM runs WHERE id = ?');
keel.engine.watch((runId) => {
  if (settled.has(runId)) return;
  const status = (runStatus.get(runId) as { status: string } | undefined)?.status;
  if (status === 'completed' || status === 'needs_attention') {
    settled.set(runId, epochNow());
    waiting.get(runId)?.();
  }
});
const settledOnce = (runId: string) => new Promise<void>((resolve) => (settled.has(runId) ? resolve() : waiting.set(runId, resolve)));
const sendOne = async (i: number) => load.ask({ cmd: 'one', url, i }, 'sent');

// 1. One webhook at a time.
for (let i = -5; i < 0; i++) await settledOnce((await sendOne(i)).runId); // warm-up: JIT, connections
const latencies: number[] = [];
for (let i = 0; i < SEQUENTIAL; i++) {
  const { runId, sentAt } = await sendOne(i);
  await settledOnce(runId);
  latencies.push(settled.get(runId)! - sentAt);
}

// 2. Many senders.
const cpu0 = process.cpuUsage();
const burst = await load.ask({ cmd: 'burst', url, from: 100_000, count: WEBHOOKS, senders: SENDERS }, 'burst');
await Promise.all(burst.runIds.map(settledOnce));
const cpu = process.cpuUsage(cpu0);
const elapsed = (Math.max(...burst.runIds.map((id) => settled.get(id)!)) - burst.startedAt) / 1000;
const completed = (keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE status = 'completed'").get() as { n: number }).n;
const { doubled } = await load.ask({ cmd: 'doubled' }, 'doubled');
const exchanges = (keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'http.exchange'").get() as { n: number }).n;
if (process.env.BENCH_MEM) console.error(JSON.stringify({ mem: process.memoryUsage(), heap: (await import("node:v8")).getHeapStatistics() }));
if (process.env.BENCH_SNAP) (await import("node:v8")).writeHeapSnapshot("/tmp/prof/keel.heapsnapshot");
rss.stop();
await keel.stop();
await load.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'plain-http',
  settings: { latencyMs: LATENCY_MS, sequentialRuns: SEQUENTIAL, webhooks: WEBHOOKS, senders: SENDERS, concurrency: 64, durability: `${durability} (WAL)`, verifier: 'none', load: 'senders and 20 ms server in a separate process' },
  sequential: {
    p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)), floorMs: 3 * LATENCY_MS,
    overheadPerStepP50Ms: round((percentile(latencies, 50) - 3 * LATENCY_MS) / 3), overheadPerStepP99Ms: round((percentile(latencies, 99) - 3 * LATENCY_MS) / 3),
  },
  concurrent: { runsPerSecond: round(WEBHOOKS / elapsed, 1), seconds: round(elapsed), keelCpuMsPerRun: round((cpu.user + cpu.system) / 1000 / WEBHOOKS), completed: completed - SEQUENTIAL - 5, doubledSideEffects: doubled, exchangesInLedger: exchanges },
  peakRssMb: rss.peakMb(),
}));
