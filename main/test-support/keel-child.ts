/**
 * Keel in a child process, for crash tests: starts the core on a data folder, opens unsigned test endpoints,
 * prints `READY <intake url>`, and runs until it is stopped or killed.
 *   crash-test  starts the client-onboarding workflow
 *   light       starts a one-step workflow posting to KEEL_TEST_LIGHT_URL (when set)
 */
import { startKeel } from '../core/keel';
import { silentLogger } from '../core/logger';

const [dataDir] = process.argv.slice(2);
const keel = await startKeel({ dataDir: dataDir!, shell: 'headless', logger: silentLogger });
const open = (slug: string, workflowId: string) => {
  if (!keel.endpoints.get(slug)) keel.endpoints.save({ slug, workflowId, verifier: { provider: 'none' }, secretRefs: [], enabled: true });
};
open('crash-test', 'client-onboarding');
const lightUrl = process.env.KEEL_TEST_LIGHT_URL;
if (lightUrl) {
  if (keel.workflows.currentVersion('light') === null) {
    keel.workflows.publish({
      id: 'light', name: 'Light', trigger: { endpoint: 'light', clientKey: 'trigger.n' },
      steps: [{ id: 'post', action: 'http.request', input: { method: 'POST', url: lightUrl, body: { n: '{{ trigger.n }}' } } }],
    });
  }
  open('light', 'light');
}
// Benchmarks: start this many light runs at once, before saying READY (KEEL_TEST_SEED_RUNS).
const seed = Number(process.env.KEEL_TEST_SEED_RUNS ?? 0);
if (lightUrl && seed > 0) {
  keel.store.sqlite.transaction(() => {
    for (let n = 0; n < seed; n++) keel.engine.startRun({ workflowId: 'light', trigger: { n } });
  })();
}
console.log(`READY ${keel.info.intakeUrl}`);
process.on('SIGTERM', () => void keel.stop().then(() => process.exit(0)));
