/**
 * The four provider fakes (Stripe, Asana, Slack, Google Drive) in a process of their own, answering in
 * BENCH_LATENCY_MS: in use the providers are other machines, so their CPU and memory are not Keel's.
 * Says `ready` with each fake's base URL and credential, and exits when told to.
 */
import { startSandbox } from '../../main/sandbox';
import type { LoadCommand, LoadReply } from './webhook-load';

const sandbox = await startSandbox({ latencyMs: Number(process.env.BENCH_LATENCY_MS ?? 20) });
// The sample workflow alerts #ops-alerts; the sandbox workspace has one, as Keel's built-in sandbox does.
sandbox.slack.fake.addChannel({ name: 'ops-alerts' });
process.on('message', (message: LoadCommand) => {
  if (message.cmd === 'exit') void sandbox.close().then(() => process.exit(0));
});
process.send!({ type: 'ready', serverUrl: '', providers: sandbox.providers } satisfies LoadReply);
