/**
 * Keel in a child process, for crash tests: starts the core on a data folder, opens unsigned test endpoints,
 * prints `READY <intake url>`, and runs until it is stopped or killed.
 *   crash-test  starts the client-onboarding workflow
 *   light       starts a one-step workflow posting to KEEL_TEST_LIGHT_URL (when set)
 *   plain       starts three sequential POSTs to KEEL_TEST_PLAIN_URL (when set): the benchmark's plain workload
 * KEEL_TEST_INTAKE_PORT keeps the intake on one port across restarts, as a tunnel would.
 */
import { startKeel } from '../core/keel';
import { silentLogger } from '../core/logger';

const [dataDir] = process.argv.slice(2);
const keel = await startKeel({ dataDir: dataDir!, shell: 'headless', logger: silentLogger, intakePort: Number(process.env.KEEL_TEST_INTAKE_PORT ?? 0) });
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
const plainUrl = process.env.KEEL_TEST_PLAIN_URL;
if (plainUrl) {
  if (keel.workflows.currentVersion('plain') === null) {
    const step = (id: string, needs: string[]) => ({ id, action: 'http.request', needs, input: { method: 'POST', url: `${plainUrl}/${id}`, body: { order: '{{ trigger.order }}' } } });
    keel.workflows.publish({ id: 'plain', name: 'Plain HTTP', trigger: { endpoint: 'plain', clientKey: 'trigger.order' }, steps: [step('a', []), step('b', ['a']), step('c', ['b'])] });
  }
  open('plain', 'plain');
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
