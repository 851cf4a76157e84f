/**
 * The intake under load: Stripe-signed webhooks from 50 concurrent senders over loopback, each acknowledged only
 * after its delivery, run and ledger entry are committed (group commit, synchronous=FULL). The workflow they
 * start does no outside calls, so the figure is the intake's own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { startKeel } from '../../main/core/keel';
import { silentLogger } from '../../main/core/logger';
import { MemoryVault } from '../../main/test-support/memory-vault';
import { percentile, pool, round, rssSampler } from '../measure';

const DELIVERIES = Number(process.env.BENCH_INTAKE_DELIVERIES ?? 10_000);
const SENDERS = 50;
const SECRET = 'whsec_bench_intake_secret_0123456789';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-intake-'));
const vault = new MemoryVault();
await vault.set('endpoint.bench.signing', SECRET);
const rss = rssSampler();
const keel = await startKeel({ dataDir, shell: 'headless', logger: silentLogger, vault });
keel.workflows.publish({ id: 'ack-only', name: 'Ack only', trigger: { endpoint: 'bench' }, steps: [{ id: 'noop', action: 'http.request', when: 'false', input: { url: 'http://127.0.0.1:9/' } }] });
keel.endpoints.save({ slug: 'bench', workflowId: 'ack-only', verifier: { provider: 'stripe' }, secretRefs: ['endpoint.bench.signing'], enabled: true });
const url = `${keel.info.intakeUrl}bench`;
const webhooks = new Stripe('sk_test_bench').webhooks;

const latencies: number[] = [];
let refused = 0;
const send = async (i: number) => {
  const body = JSON.stringify({ id: `evt_bench_${i}`, object: 'event', type: 'customer.created', data: { object: { id: `cus_${i}` } } });
  const header = webhooks.generateTestHeaderString({ payload: body, secret: SECRET });
  const t0 = performance.now();
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
  await res.arrayBuffer();
  latencies.push(performance.now() - t0);
  if (res.status !== 200) refused++;
};
await pool(200, SENDERS, (i) => send(1_000_000 + i)); // warm-up
latencies.length = 0;
const t0 = performance.now();
await pool(DELIVERIES, SENDERS, send);
const seconds = (performance.now() - t0) / 1000;
rss.stop();
const stored = (keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'accepted'").get() as { n: number }).n;
await keel.stop();
fs.rmSync(dataDir, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'intake',
  settings: { deliveries: DELIVERIES, senders: SENDERS, verifier: 'stripe (official package)', durability: 'full (synchronous=FULL, WAL), group commit' },
  deliveriesPerSecond: round(DELIVERIES / seconds, 0),
  ackP50Ms: round(percentile(latencies, 50)),
  ackP99Ms: round(percentile(latencies, 99)),
  refused,
  stored,
  peakRssMb: rss.peakMb(),
}));
