/**
 * Keel in a child process, for crash tests: starts the core on a data folder, opens an unsigned test endpoint
 * for the onboarding workflow, prints `READY <intake url>`, and runs until it is stopped or killed.
 */
import { startKeel } from '../core/keel';
import { silentLogger } from '../core/logger';

const [dataDir] = process.argv.slice(2);
const keel = await startKeel({ dataDir: dataDir!, shell: 'headless', logger: silentLogger });
if (!keel.endpoints.get('crash-test')) {
  keel.endpoints.save({ slug: 'crash-test', workflowId: 'client-onboarding', verifier: { provider: 'none' }, secretRefs: [], enabled: true });
}
console.log(`READY ${keel.info.intakeUrl}`);
process.on('SIGTERM', () => void keel.stop().then(() => process.exit(0)));
