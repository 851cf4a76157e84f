/**
 * Exactly once across crashes: Keel runs in a child process against the sandbox fakes (which live here, in the
 * test, so they outlive every crash) and is killed with SIGKILL at random moments while contracts arrive and
 * runs are in flight. After the last restart every run finishes, and the fakes hold exactly one of each object
 * per contract: one Stripe customer, one Asana project, one Slack channel with one welcome message, and for
 * enterprise contracts one Drive folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db';
import { startSandbox, type Sandbox } from '../sandbox';
import { killKeelChild, startKeelChild, type KeelChild } from '../test-support/keel-child-process';

let sandbox: Sandbox;
let dataDir: string;
beforeAll(async () => {
  sandbox = await startSandbox({ latencyMs: 3, seed: 11 });
  sandbox.slack.fake.addChannel({ name: 'ops-alerts' });
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-crash-'));
});
afterAll(async () => {
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startChild(): Promise<KeelChild> {
  return startKeelChild(dataDir, {
    KEEL_SECRET_STRIPE: sandbox.providers.stripe.credential, KEEL_STRIPE_API_BASE: sandbox.providers.stripe.apiBase,
    KEEL_SECRET_ASANA: sandbox.providers.asana.credential, KEEL_ASANA_API_BASE: sandbox.providers.asana.apiBase,
    KEEL_SECRET_SLACK: sandbox.providers.slack.credential, KEEL_SLACK_API_BASE: sandbox.providers.slack.apiBase,
    KEEL_SECRET_GOOGLE: sandbox.providers.drive.credential, KEEL_GOOGLE_API_BASE: sandbox.providers.drive.apiBase,
    KEEL_RATE_LIMITS: 'off', KEEL_KEYCHAIN_SERVICE: 'keel-crash-test',
  });
}

const kill = killKeelChild;

const contract = (i: number) => ({
  type: 'contract.signed',
  data: { contract_id: `C-KILL-${i}`, plan: i % 2 ? 'enterprise' : 'standard', client: { company: `Crash Co ${i}`, contact_name: `Casey ${i}`, email: `casey${i}@crash${i}.example` } },
});

describe('exactly once across kill -9', () => {
  it('finishes every run with each side effect exactly once, however often Keel is killed', async () => {
    const CONTRACTS = 24;
    // Random kill moments (ms after each start), reproducible from fast-check's seed when a run fails.
    const killAfter = fc.sample(fc.integer({ min: 40, max: 700 }), { numRuns: 5 });
    let { child, intake } = await startChild();
    let next = 0;
    for (const delay of killAfter) {
      const killAt = Date.now() + delay;
      // Contracts arrive while Keel works; a send that meets a dead Keel is retried after restart, as providers do.
      while (Date.now() < killAt && next < CONTRACTS) {
        const ok = await fetch(`${intake}crash-test`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `delivery-${next}` }, body: JSON.stringify(contract(next)),
        }).then((r) => r.status === 200, () => false);
        if (ok) next++;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, killAt - Date.now())));
      await kill(child);
      ({ child, intake } = await startChild());
    }
    while (next < CONTRACTS) {
      const res = await fetch(`${intake}crash-test`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `delivery-${next}` }, body: JSON.stringify(contract(next)) });
      expect(res.status).toBe(200);
      next++;
    }

    const store = openDb(path.join(dataDir, 'keel.db'));
    try {
      const deadline = Date.now() + 60_000;
      let statuses: { status: string; n: number }[] = [];
      for (;;) {
        statuses = store.sqlite.prepare('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all() as typeof statuses;
        if (statuses.length === 1 && statuses[0]!.status === 'completed' && statuses[0]!.n === CONTRACTS) break;
        if (Date.now() > deadline) throw new Error(`runs did not all complete: ${JSON.stringify(statuses)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const interrupted = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'interrupted'").get() as { n: number }).n;
      console.log(`crash test: ${killAfter.length} kills at ${killAfter.join(', ')} ms; ${interrupted} attempts were cut off mid-call and resumed`);
    } finally {
      store.close();
      await kill(child);
    }

    for (let i = 0; i < CONTRACTS; i++) {
      const id = `C-KILL-${i}`;
      const customers = sandbox.stripe.fake.createdObjects<{ metadata: Record<string, string> }>('customer').filter((c) => c.metadata.contract_id === id);
      const projects = sandbox.asana.fake.createdObjects<{ name: string }>('project').filter((p) => p.name.endsWith(`(${id})`));
      const channel = sandbox.slack.fake.channelByName(`client-${id.toLowerCase()}`);
      const welcomes = channel ? sandbox.slack.fake.messages(channel.id).filter((m) => m.text?.startsWith('Welcome aboard')) : [];
      const folders = sandbox.drive.fake.createdObjects<{ name: string }>('folder').filter((f) => f.name.endsWith(`(${id})`));
      expect({ id, customers: customers.length, projects: projects.length, channel: Boolean(channel), welcomes: welcomes.length, folders: folders.length })
        .toEqual({ id, customers: 1, projects: 1, channel: true, welcomes: 1, folders: i % 2 ? 1 : 0 });
    }
  }, 180_000);
});
