/**
 * The intake under load: Stripe-signed webhooks from 50 concurrent senders over loopback, each acknowledged only
 * after its delivery, run and ledger entry are committed (group commit, synchronous=FULL). The workflow they
 * start does no outside calls, so the figure is the intake's own. The senders sign and send from a process of
 * their own (bench/load/), as Stripe does from its machines; latency is measured at the sender.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startKeel } from '../../main/core/keel';
import { silentLogger } from '../../main/core/logger';
import { MemoryVault } from '../../main/test-support/memory-vault';
import { startLoadProcess } from '../load/load-process';
import { percentile, round, rssSampler } from '../measure';

const DELIVERIES = Number(process.env.BENCH_INTAKE_DELIVERIES ?? 10_000);
const SENDERS = 50;
const SECRET = 'whsec_bench_intake_secret_0123456789';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-intake-'));
const vault = new MemoryVault();
await vault.set('endpoint.bench.signing', SECRET);
const load = await startLoadProcess();
const rss = rssSampler();
const keel = await startKeel({ dataDir, shell: 'headless', logger: silentLogger, vault });
keel.workflows.publish({ id: 'ack-only', name: 'Ack only', trigger: { endpoint: 'bench' }, steps: [{ id: 'noop', action: 'http.request', when: 'false', input: { url: 'http://127.0.0.1:9/' } }] });
keel.endpoints.save({ slug: 'bench', workflowId: 'ack-only', verifier: { provider: 'stripe' }, secretRefs: ['endpoint.bench.signing'], enabled: true });
const url = `${keel.info.intakeUrl}bench`;

await load.ask({ cmd: 'stripe-burst', url, from: 1_000_000, count: 500, senders: SENDERS, secret: SECRET }, 'stripe-burst'); // warm-up
const cpu0 = process.cpuUsage();
const burst = await load.ask({ cmd: 'stripe-burst', url, from: 0, count: DELIVERIES, senders: SENDERS, secret: SECRET }, 'stripe-burst');
const cpu = process.cpuUsage(cpu0);
const seconds = (burst.finishedAt - burst.startedAt) / 1000;
rss.stop();
const stored = (keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'accepted'").get() as { n: number }).n;
await keel.stop();
await load.close();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'intake',
  settings: { deliveries: DELIVERIES, senders: SENDERS, verifier: 'stripe (official package)', durability: 'full (synchronous=FULL, WAL), group commit', load: 'senders in a separate process' },
  deliveriesPerSecond: round(DELIVERIES / seconds, 0),
  keelCpuMsPerDelivery: round((cpu.user + cpu.system) / 1000 / DELIVERIES, 3),
  ackP50Ms: round(percentile(burst.latenciesMs, 50)),
  ackP99Ms: round(percentile(burst.latenciesMs, 99)),
  refused: burst.refused,
  stored,
  peakRssMb: rss.peakMb(),
}));
