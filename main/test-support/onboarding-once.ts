/**
 * Starts the whole core in this process, sends one signed sample contract through the real intake, waits for
 * the run to finish, prints a JSON report and stops. Run under plain `node` by tests.
 */
import { startKeel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { verifyChain } from '../ledger/verify';

const [dataDir, plan = 'enterprise'] = process.argv.slice(2);
const keel = await startKeel({ dataDir: dataDir!, shell: 'headless', logger: silentLogger });
try {
  const sent = await keel.handlers.sendDemoContracts({ count: 1, plan });
  const deadline = Date.now() + 20_000;
  let runs = await keel.handlers.listRuns({});
  while (!runs.every((r) => r.status === 'completed' || r.status === 'needs_attention') || !runs.length) {
    if (Date.now() > deadline) throw new Error(`the run did not finish: ${JSON.stringify(runs)}`);
    await new Promise((r) => setTimeout(r, 20));
    runs = await keel.handlers.listRuns({});
  }
  const connectors = keel.store.sqlite.prepare("SELECT DISTINCT connector FROM ledger_entries WHERE kind = 'http.exchange' ORDER BY connector").all() as { connector: string }[];
  console.log(JSON.stringify({
    sent: sent.deliveries, runs: runs.map((r) => ({ status: r.status, clientKey: r.clientKey, stepsDone: r.stepsDone })),
    recordedConnectors: connectors.map((c) => c.connector), ledger: verifyChain(keel.store.sqlite),
    electronLoaded: Object.keys(process.versions).includes('electron'),
  }));
} finally {
  await keel.stop();
}
