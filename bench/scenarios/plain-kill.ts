/**
 * The plain workload again (2,000 webhooks from 20 senders, 3 sequential POSTs each, 20 ms server), with Keel
 * killed by SIGKILL halfway and started again on the same data folder and port. The senders behave like
 * providers: a webhook that got no 2xx is sent again until it does. Counted afterwards: runs lost (an
 * acknowledged webhook without a completed run) and side effects doubled (a step whose call reached the server
 * under two different idempotency keys; a call re-sent under the same key is applied once, as Stripe would).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../db';
import { killKeelChild, startKeelChild } from '../../main/test-support/keel-child-process';
import { startLoadProcess } from '../load/load-process';
import { round } from '../measure';

const WEBHOOKS = Number(process.env.BENCH_WEBHOOKS ?? 2000);
const SENDERS = 20;

const freePort = () => new Promise<number>((resolve) => {
  const probe = net.createServer().listen(0, '127.0.0.1', () => {
    const { port } = probe.address() as net.AddressInfo;
    probe.close(() => resolve(port));
  });
});

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-kill-'));
const load = await startLoadProcess();
const port = await freePort();
const start = () => startKeelChild(dataDir, { KEEL_TEST_PLAIN_URL: load.serverUrl, KEEL_TEST_INTAKE_PORT: String(port), KEEL_KEYCHAIN_SERVICE: 'keel-bench-kill' });

let keel = await start();
const url = `${keel.intake}plain`;
let killedAt = 0;
const restarted = new Promise<void>((resolve) => {
  load.on('progress', () => {
    void (async () => {
      await killKeelChild(keel.child);
      killedAt = Date.now();
      keel = await start();
      resolve();
    })();
  });
});
const burst = await load.ask({ cmd: 'persistent-burst', url, from: 0, count: WEBHOOKS, senders: SENDERS, notifyAt: WEBHOOKS / 2 }, 'persistent-burst');
await restarted;

const store = openDb(path.join(dataDir, 'keel.db'));
const deadline = Date.now() + 300_000;
const open = () => (store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE status != 'completed'").get() as { n: number }).n;
while (open() > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
const runsPerWebhook = store.sqlite.prepare("SELECT client_key AS order_, COUNT(*) AS n, SUM(status = 'completed') AS done FROM runs WHERE workflow_id = 'plain' GROUP BY client_key").all() as { order_: string; n: number; done: number }[];
const { keys } = await load.ask({ cmd: 'doubled' }, 'doubled');
keel.child.kill('SIGKILL');
store.close();
await load.close();
fs.rmSync(dataDir, { recursive: true, force: true });

const withCompletedRun = new Set(runsPerWebhook.filter((r) => r.done > 0).map((r) => r.order_));
const stepKeys = keys.filter((k) => k.startsWith('keel-'));
console.log(JSON.stringify({
  scenario: 'plain-kill',
  settings: { webhooks: WEBHOOKS, senders: SENDERS, latencyMs: 20, kill: `SIGKILL after ${WEBHOOKS / 2} acknowledged, restart on the same folder and port`, durability: 'full (WAL)' },
  acknowledged: burst.acknowledged,
  resentBySenders: burst.resent,
  restartSeconds: round((burst.finishedAt - killedAt) / 1000),
  runsLost: WEBHOOKS - withCompletedRun.size,
  runsStartedTwice: runsPerWebhook.filter((r) => r.n > 1).length,
  // Distinct keys per step call minus distinct (run, step) pairs: > 0 only if a step ran under two keys.
  sideEffectsDoubled: stepKeys.length - new Set(stepKeys.map((k) => k.replace(/-g\d+$/, ''))).size,
}));
