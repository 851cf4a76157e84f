/**
 * The reference workflow against the sandbox fakes answering in 20 ms, through the official SDKs: one run at a
 * time against its critical path, then many at once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from '../../main/core/keel';
import { silentLogger } from '../../main/core/logger';
import { MemoryVault } from '../../main/test-support/memory-vault';
import { startLoadProcess } from '../load/load-process';
import { percentile, pool, round, rssSampler } from '../measure';

const LATENCY_MS = 20;
// stripe customer -> slack channel -> invite (lookup + invite) -> welcome: five calls in a row.
const CRITICAL_PATH_MS = 5 * LATENCY_MS;
const SEQUENTIAL = Number(process.env.BENCH_ONBOARDING_SEQUENTIAL ?? 30);
const CONCURRENT = Number(process.env.BENCH_ONBOARDING_RUNS ?? 500);

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-onb-'));
// The fakes run in a process of their own (providers are other machines); Keel reaches them as it would reach
// the providers: their base URLs, their credentials in the vault, and no published rate limits (local mocks).
const fakes = await startLoadProcess({ BENCH_LATENCY_MS: String(LATENCY_MS) }, 'sandbox-load');
const vault = new MemoryVault();
const env: NodeJS.ProcessEnv = { ...process.env, KEEL_RATE_LIMITS: 'off' };
for (const [id, secret, baseEnv] of [['stripe', 'stripe', 'KEEL_STRIPE_API_BASE'], ['asana', 'asana', 'KEEL_ASANA_API_BASE'], ['slack', 'slack', 'KEEL_SLACK_API_BASE'], ['drive', 'google', 'KEEL_GOOGLE_API_BASE']] as const) {
  env[baseEnv] = fakes.providers[id]!.apiBase;
  await vault.set(secret, fakes.providers[id]!.credential);
}
const rss = rssSampler();
const durability = process.env.BENCH_DURABILITY === 'normal' ? 'normal' : 'full';
const keel = await startKeel({ dataDir, shell: 'headless', logger: silentLogger, concurrency: 64, durability, vault, env });
const settled = new Map<string, number>();
const waiting = new Map<string, () => void>();
const runStatus = keel.store.sqlite.prepare('SELECT status FROM runs WHERE id = ?');
keel.engine.watch((runId) => {
  const status = (runStatus.get(runId) as { status: string } | undefined)?.status;
  if (!settled.has(runId) && (status === 'completed' || status === 'needs_attention')) {
    settled.set(runId, performance.now());
    waiting.get(runId)?.();
  }
});
const settledOnce = (runId: string) => new Promise<void>((resolve) => (settled.has(runId) ? resolve() : waiting.set(runId, resolve)));
const trigger = (i: number) => ({
  type: 'contract.signed',
  data: { contract_id: `C-BENCH-${i}`, plan: i % 2 ? 'enterprise' : 'standard', client: { company: `Client ${i}`, contact_name: `Person ${i}`, email: `p${i}@client${i}.example` } },
});

await settledOnce(keel.engine.startRun({ workflowId: 'client-onboarding', trigger: trigger(-1) }));
const latencies: number[] = [];
for (let i = 0; i < SEQUENTIAL; i++) {
  const t0 = performance.now();
  const runId = keel.engine.startRun({ workflowId: 'client-onboarding', trigger: trigger(2 * i + 1) }); // enterprise: every branch
  await settledOnce(runId);
  latencies.push(settled.get(runId)! - t0);
}

const cpu0 = process.cpuUsage();
const t0 = performance.now();
const ids: string[] = [];
await pool(CONCURRENT, 64, async (i) => {
  const runId = keel.engine.startRun({ workflowId: 'client-onboarding', trigger: trigger(10_000 + i) });
  ids.push(runId);
  await settledOnce(runId);
});
const elapsed = (Math.max(...ids.map((id) => settled.get(id)!)) - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
const completed = ids.filter((id) => (runStatus.get(id) as { status: string }).status === 'completed').length;
rss.stop();
await keel.stop();
await fakes.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'onboarding',
  settings: { latencyMs: LATENCY_MS, criticalPathMs: CRITICAL_PATH_MS, sequentialRuns: SEQUENTIAL, concurrentRuns: CONCURRENT, concurrency: 64, durability: `${durability} (WAL)`, start: 'engine.startRun (no intake)', providers: 'the four fakes in a separate process' },
  sequential: { p50Ms: round(percentile(latencies, 50)), p99Ms: round(percentile(latencies, 99)) },
  concurrent: { runsPerSecond: round(CONCURRENT / elapsed, 1), seconds: round(elapsed), keelCpuMsPerRun: round((cpu.user + cpu.system) / 1000 / CONCURRENT), completed },
  peakRssMb: rss.peakMb(),
}));
