/**
 * Missed while the computer slept: Stripe events created while Keel was stopped are fetched from Stripe's event
 * list at the next start and go through the intake's dedup-checked path, marked as caught up; nothing twice.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../sandbox';
import { MemoryVault } from '../test-support/memory-vault';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let stripeAccount: Sandbox;
let dir: string;
const vault = new MemoryVault();

beforeAll(async () => {
  stripeAccount = await startSandbox({ latencyMs: 0 });
  await vault.set('stripe', stripeAccount.providers.stripe.credential);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-catchup-'));
});
afterAll(async () => {
  await stripeAccount.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const start = () => startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_STRIPE_API_BASE: stripeAccount.providers.stripe.apiBase, KEEL_RATE_LIMITS: 'off', KEEL_SANDBOX_LATENCY_MS: '0' } });

async function until(probe: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !probe(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!probe()) throw new Error('timed out');
}

describe('catch-up from Stripe\'s event list', () => {
  it('brings in the events missed while Keel was stopped, once', async () => {
    let keel: Keel = await start();
    keel.workflows.publish({ id: 'stripe-events', name: 'Stripe events', trigger: { endpoint: 'stripe-events', clientKey: 'trigger.id' },
      steps: [{ id: 'note', action: 'slack.postMessage', input: { channel: 'ops-alerts', text: 'Stripe says {{ trigger.type }}' } }] });
    keel.endpoints.save({ slug: 'stripe-events', workflowId: 'stripe-events', verifier: { provider: 'stripe' }, secretRefs: ['endpoint.stripe-events.signing'], enabled: true });
    await keel.stop();
    keel = await start(); // the first start with the endpoint looks back to its creation and keeps where it looked from
    await until(() => Boolean(keel.store.sqlite.prepare("SELECT 1 FROM settings WHERE key = 'catchup.stripe-events'").get()));
    await keel.stop(); // now the laptop sleeps

    const stripe = new Stripe(stripeAccount.providers.stripe.credential, { host: '127.0.0.1', port: Number(new URL(stripeAccount.providers.stripe.apiBase).port), protocol: 'http', maxNetworkRetries: 0 });
    await new Promise((r) => setTimeout(r, 1_100)); // Stripe's `created` has one-second resolution
    for (const name of ['Missed One', 'Missed Two', 'Missed Three']) await stripe.customers.create({ name, email: `${name.split(' ')[1]!.toLowerCase()}@missed.example` });

    keel = await start();
    const caughtUp = () => (keel.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM deliveries WHERE endpoint_slug = 'stripe-events' AND status = 'accepted'`).get() as { n: number }).n;
    try {
      await until(() => caughtUp() === 3);
      const marked = keel.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'delivery.accepted' AND json_extract(payload, '$.via') = 'caught-up'`).get() as { n: number };
      expect(marked.n).toBe(3);
      expect((keel.store.sqlite.prepare(`SELECT COUNT(*) AS n FROM runs WHERE workflow_id = 'stripe-events'`).get() as { n: number }).n).toBe(3);
    } finally {
      await keel.stop();
    }

    keel = await start(); // nothing new: nothing brought in again
    try {
      await new Promise((r) => setTimeout(r, 500));
      expect(caughtUp()).toBe(3);
    } finally {
      await keel.stop();
    }
  }, 60_000);
});
