/**
 * The reference workflow against all four providers' fakes failing a fifth of their calls (503s and 429s with
 * Retry-After, chosen by a seeded RNG): every run completes, and each client gets exactly one of each object.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../preload/api';
import { startSandbox, type Sandbox } from '../sandbox';
import { MemoryVault } from '../test-support/memory-vault';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let provider: Sandbox;
let keel: Keel;
let dir: string;

beforeAll(async () => {
  provider = await startSandbox({ latencyMs: 1, seed: 20, transientFailureRate: 0.2, transientRetryAfterSeconds: 0 });
  provider.slack.fake.addChannel({ name: 'ops-alerts' });
  const vault = new MemoryVault();
  await vault.set('stripe', provider.providers.stripe.credential);
  await vault.set('asana', provider.providers.asana.credential);
  await vault.set('slack', provider.providers.slack.credential);
  await vault.set('google', provider.providers.drive.credential);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-flaky-'));
  keel = await startKeel({
    dataDir: dir, shell: 'headless', logger: silentLogger, vault,
    env: {
      KEEL_STRIPE_API_BASE: provider.providers.stripe.apiBase, KEEL_ASANA_API_BASE: provider.providers.asana.apiBase,
      KEEL_SLACK_API_BASE: provider.providers.slack.apiBase, KEEL_GOOGLE_API_BASE: provider.providers.drive.apiBase, KEEL_RATE_LIMITS: 'off',
    },
  });
});
afterAll(async () => {
  await keel.stop();
  await provider.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('onboarding with 20% transient failures', () => {
  it('completes every run with exactly one of each object per client', async () => {
    const sent = (await keel.handlers.sendDemoContracts({ count: 12 })) as { deliveries: { contractId: string; status: number }[] };
    expect(sent.deliveries.every((d) => d.status === 200)).toBe(true);
    const deadline = Date.now() + 120_000;
    let runs: RunSummary[] = [];
    for (;;) {
      runs = (await keel.handlers.listRuns({})) as RunSummary[];
      if (runs.length === 12 && runs.every((r) => r.status === 'completed')) break;
      if (Date.now() > deadline) throw new Error(`runs: ${JSON.stringify(runs.map((r) => r.status))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const failed = keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'failed'").get() as { n: number };
    expect(failed.n).toBeGreaterThan(3); // the failures really happened, and were retried

    const trigger = (runId: string) => (keel.handlers.getRun({ runId }) as { trigger: { data: { contract_id: string; plan: string } } }).trigger.data;
    for (const run of runs) {
      const { contract_id: id, plan } = trigger(run.id);
      const customers = provider.stripe.fake.createdObjects<{ metadata: Record<string, string> }>('customer').filter((c) => c.metadata.contract_id === id);
      const projects = provider.asana.fake.createdObjects<{ name: string }>('project').filter((p) => p.name.endsWith(`(${id})`));
      const channel = provider.slack.fake.channelByName(`client-${id.toLowerCase()}`);
      const welcomes = channel ? provider.slack.fake.messages(channel.id).filter((m) => m.text?.startsWith('Welcome aboard')) : [];
      const folders = provider.drive.fake.createdObjects<{ name: string }>('folder').filter((f) => f.name.endsWith(`(${id})`));
      expect({ id, customers: customers.length, projects: projects.length, channel: Boolean(channel), welcomes: welcomes.length, folders: folders.length })
        .toEqual({ id, customers: 1, projects: 1, channel: true, welcomes: 1, folders: plan === 'enterprise' ? 1 : 0 });
    }
  }, 150_000);
});
