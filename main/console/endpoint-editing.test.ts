/**
 * Creating and editing endpoints through the console contract, against a real Keel (SQLite file, intake on a
 * port) with an in-memory vault: a Stripe endpoint made with its pasted secret takes signed deliveries, settings
 * are checked by each verifier and errors name the field, changes are in the ledger, and no value leaves the vault.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EndpointProviderView, EndpointSavedView, EndpointView, RunDetail, WorkflowDetail } from '../../preload/api';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { verifierNames } from '../intake/verifiers';
import { signedRequest } from '../intake/verifiers/signers';
import { MemoryVault } from '../test-support/memory-vault';
import { VaultUnavailableError } from '../vault/vault';
import { dispatch } from './dispatch';

const STRIPE_SECRET = 'whsec_editingStripeEndpointSecret0123456789';
const actor = { who: 'Dana', why: 'Stripe contracts start onboarding' };
const stripeWebhooks = new Stripe('sk_sign_only').webhooks;

/** A vault whose keychain can be locked, to see that nothing half-made is left behind. */
class LockableVault extends MemoryVault {
  locked = false;
  override async set(name: string, value: string) {
    if (this.locked) throw new VaultUnavailableError('The keychain is locked');
    await super.set(name, value);
  }
}

let keel: Keel;
let dir: string;
const vault = new LockableVault();

async function call<T>(name: string, input: unknown): Promise<T> {
  const result = await dispatch(keel.handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}
const refusal = async (name: string, input: unknown) => {
  const result = await dispatch(keel.handlers, name, input);
  if (result.ok) throw new Error(`${name} was expected to be refused`);
  return result.error;
};

const stripeEndpoint = (over: Record<string, unknown> = {}) => ({
  mode: 'create', slug: 'stripe-contracts', workflowId: 'client-onboarding', enabled: true,
  verifier: { provider: 'stripe', types: ['contract.signed'] }, secret: { kind: 'given', value: STRIPE_SECRET }, actor, ...over,
});

function contractEvent(n: number): string {
  return JSON.stringify({
    id: `evt_editing_${n}`, object: 'event', type: 'contract.signed',
    data: { contract_id: `C-EDIT-${n}`, plan: 'standard', client: { company: 'Edit Co', contact_name: 'E', email: 'e@edit.example' } },
  });
}

async function postStripe(slug: string, body: string, secret = STRIPE_SECRET): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${keel.info.intakeUrl}${slug}`, {
    method: 'POST', body, headers: { 'content-type': 'application/json', 'stripe-signature': stripeWebhooks.generateTestHeaderString({ payload: body, secret }) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function endpointChanges(slug: string): Record<string, unknown>[] {
  return (keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'config.changed' AND endpoint_slug = ? ORDER BY seq").all(slug) as { payload: string }[])
    .map((row) => JSON.parse(row.payload) as Record<string, unknown>);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-endpoint-editing-'));
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
  // A second workflow to move an endpoint to.
  const onboarding = (await call<WorkflowDetail>('getWorkflow', { workflowId: 'client-onboarding' })).document as Record<string, unknown>;
  keel.workflows.publish({ ...onboarding, id: 'vip-onboarding', name: 'VIP onboarding' });
});
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('creating an endpoint', () => {
  it('makes a Stripe endpoint whose pasted secret verifies deliveries that start the workflow', async () => {
    const saved = await call<EndpointSavedView>('saveEndpoint', stripeEndpoint());
    expect(saved).toMatchObject({
      created: true, secret: { kind: 'given' },
      endpoint: {
        slug: 'stripe-contracts', workflowId: 'client-onboarding', verifier: 'stripe', authenticates: true, enabled: true,
        settings: { types: ['contract.signed'] }, url: `${keel.info.intakeUrl}stripe-contracts`, catchUp: { mode: 'event-list' },
      },
    });
    expect(saved.endpoint.secrets).toEqual([{ name: saved.secret!.name, source: 'keychain', lastFour: STRIPE_SECRET.slice(-4) }]);
    expect(vault.values.get(saved.secret!.name)).toBe(STRIPE_SECRET);

    const accepted = await postStripe('stripe-contracts', contractEvent(1));
    expect(accepted).toMatchObject({ status: 200, body: { status: 'accepted' } });
    const run = await call<RunDetail>('getRun', { runId: accepted.body.runId });
    expect(run.run).toMatchObject({ workflowId: 'client-onboarding', clientKey: 'C-EDIT-1' });
    expect((await postStripe('stripe-contracts', contractEvent(2), 'whsec_notTheSecretStripeShows000000')).status).toBe(401);
  });

  it('records the creation once, with who and why, and keeps the secret out of SQLite and the answer', async () => {
    const [created, ...rest] = endpointChanges('stripe-contracts');
    expect(rest).toEqual([]);
    expect(created).toMatchObject({ change: 'endpoint.created', before: null, who: 'Dana', why: actor.why, after: { verifier: { provider: 'stripe', types: ['contract.signed'] } } });
    keel.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const database = fs.readFileSync(keel.store.file);
    expect(database.includes(Buffer.from(STRIPE_SECRET))).toBe(false);
    expect(database.includes(Buffer.from(STRIPE_SECRET.slice(6)))).toBe(false);
    const answer = JSON.stringify(await call('listEndpoints', {}));
    expect(answer).not.toContain(STRIPE_SECRET.slice(6, -4));
  });

  it('generates the secret only where Keel may make it, and says it did', async () => {
    const hmac = await call<EndpointSavedView>('saveEndpoint', {
      mode: 'create', slug: 'billing-hmac', workflowId: 'client-onboarding', enabled: true,
      verifier: { provider: 'hmac', header: 'X-Billing-Signature', prefix: 'sha256=', deliveryIdField: 'id' }, secret: { kind: 'generate' }, actor,
    });
    expect(hmac.secret).toMatchObject({ kind: 'generated' });
    const generated = vault.values.get(hmac.secret!.name)!;
    expect(generated.length).toBeGreaterThanOrEqual(40);
    expect(JSON.stringify(hmac)).not.toContain(generated);
    const settings = { provider: 'hmac', header: 'X-Billing-Signature', prefix: 'sha256=', deliveryIdField: 'id' };
    const signed = signedRequest('hmac', { secret: generated, body: contractEvent(3), nowSeconds: Math.floor(Date.now() / 1000), settings });
    const res = await fetch(`${keel.info.intakeUrl}billing-hmac`, { method: 'POST', body: new Uint8Array(signed.body), headers: signed.headers as Record<string, string> });
    expect(res.status).toBe(200);

    const stripe = await refusal('saveEndpoint', stripeEndpoint({ slug: 'stripe-generated', secret: { kind: 'generate' } }));
    expect(stripe).toMatchObject({ code: 'invalid_input' });
    expect(stripe.message).toContain('Stripe makes its own signing secret');
    expect(stripe.message).toContain('Developers → Webhooks');
    expect(keel.endpoints.get('stripe-generated')).toBeUndefined();
  });

  it('leaves nothing behind when the keychain refuses the secret', async () => {
    vault.locked = true;
    try {
      const error = await refusal('saveEndpoint', stripeEndpoint({ slug: 'stripe-locked' }));
      expect(error.code).toBe('unavailable');
      expect(error.message).toContain('Unlock the keychain');
    } finally {
      vault.locked = false;
    }
    expect(keel.endpoints.get('stripe-locked')).toBeUndefined();
    expect(endpointChanges('stripe-locked')).toEqual([]);
  });
});

describe('what is refused, in words that name the field', () => {
  it.each([
    ['a slug the intake cannot route', { slug: 'Stripe Contracts' }, 'invalid_input', 'saveEndpoint: slug: a slug is 1 to 63 lower-case'],
    ["the intake's health check", { slug: 'healthz' }, 'invalid_input', 'slug: "healthz" is reserved'],
    ['an existing slug, to create', { slug: 'contracts' }, 'conflict', 'There is already an endpoint "contracts"'],
    ['a missing endpoint, to update', { mode: 'update', slug: 'nowhere' }, 'not_found', 'There is no endpoint "nowhere"'],
    ['a workflow that does not exist', { slug: 'stripe-x', workflowId: 'payroll' }, 'invalid_input', 'workflowId: there is no workflow "payroll"'],
    ['an unknown provider', { slug: 'stripe-x', verifier: { provider: 'paypal' } }, 'invalid_input', 'there is no verifier "paypal"'],
    ['a Stripe event type that is not one', { slug: 'stripe-x', verifier: { provider: 'stripe', types: ['Contract Signed'] } }, 'invalid_input', 'verifier: types: "Contract Signed" is not a Stripe event type'],
    ['more event types than Stripe lists', { slug: 'stripe-x', verifier: { provider: 'stripe', types: Array.from({ length: 21 }, (_, i) => `customer.e${i}`) } }, 'invalid_input', 'types: at most 20'],
    ['a setting the provider does not have', { slug: 'stripe-x', verifier: { provider: 'stripe', toleranceSeconds: 60 } }, 'invalid_input', 'Stripe has no setting "toleranceSeconds" (it has types)'],
    ['the generic HMAC without its header', { slug: 'hmac-x', verifier: { provider: 'hmac' }, secret: undefined }, 'invalid_input', 'header: Signature header is required'],
    ['a header name with a space', { slug: 'hmac-x', verifier: { provider: 'hmac', header: 'X Sig' }, secret: undefined }, 'invalid_input', 'header: must be an HTTP header name'],
    ['an unsigned timestamp', { slug: 'hmac-x', verifier: { provider: 'hmac', header: 'X-Sig', timestampHeader: 'X-Ts' }, secret: undefined }, 'invalid_input', 'an unsigned timestamp proves nothing'],
    ["Dropbox Sign's window in fractions", { slug: 'ds-x', verifier: { provider: 'dropbox-sign', toleranceSeconds: 1.5 } }, 'invalid_input', 'toleranceSeconds must be a whole number'],
    ['a HubSpot URL that is not one', { slug: 'hs-x', verifier: { provider: 'hubspot', url: 'hooks/crm' } }, 'invalid_input', 'url must be the full public URL'],
    ['a secret for an Asana handshake endpoint', { slug: 'asana-x', verifier: { provider: 'hmac', header: 'X-Hook-Signature', hookSecret: true } }, 'invalid_input', 'X-Hook-Secret handshake'],
  ])('%s', async (_what, over, code, words) => {
    const error = await refusal('saveEndpoint', stripeEndpoint(over));
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
  });

  it('takes the "none" verifier only with the confirmation that anyone who knows the URL can start runs', async () => {
    const open = { mode: 'create', slug: 'open-door', workflowId: 'client-onboarding', enabled: true, verifier: { provider: 'none' }, actor };
    const unconfirmed = await refusal('saveEndpoint', open);
    expect(unconfirmed.message).toContain('anyone who knows the URL can start runs');
    expect(keel.endpoints.get('open-door')).toBeUndefined();
    expect((await refusal('saveEndpoint', { ...open, allowUnsigned: true, secret: { kind: 'given', value: 'some-secret-value' } })).message).toContain('uses no signing secret');

    const saved = await call<EndpointSavedView>('saveEndpoint', { ...open, enabled: false, allowUnsigned: true });
    expect(saved.endpoint).toMatchObject({ authenticates: false, enabled: false, catchUp: { mode: 'retries-only' } });
    expect((await refusal('setEndpointEnabled', { slug: 'open-door', enabled: true, actor })).message).toContain('anyone who knows the URL');
    expect(await call<EndpointView>('setEndpointEnabled', { slug: 'open-door', enabled: true, allowUnsigned: true, actor })).toMatchObject({ enabled: true });
  });
});

describe('editing an endpoint', () => {
  it('turns an endpoint off (404 "turned off", history kept) and on again, recording both', async () => {
    const off = await call<EndpointView>('setEndpointEnabled', { slug: 'stripe-contracts', enabled: false, actor: { who: 'Dana', why: 'Stripe migration' } });
    expect(off.enabled).toBe(false);
    const refused = await postStripe('stripe-contracts', contractEvent(4));
    expect(refused.status).toBe(404);
    expect(String(refused.body.error)).toContain('turned off');
    const deliveries = await call<{ status: string }[]>('listDeliveries', { endpoint: 'stripe-contracts' });
    expect(deliveries.map((d) => d.status)).toEqual(expect.arrayContaining(['accepted', 'rejected']));

    await call<EndpointView>('setEndpointEnabled', { slug: 'stripe-contracts', enabled: true, actor: { who: 'Dana', why: 'migration done' } });
    expect((await postStripe('stripe-contracts', contractEvent(5))).status).toBe(200);
    const toggles = endpointChanges('stripe-contracts').filter((c) => (c.changed as string[] | undefined)?.includes('enabled'));
    expect(toggles.map((c) => [(c.after as { enabled: boolean }).enabled, c.why])).toEqual([[false, 'Stripe migration'], [true, 'migration done']]);
  });

  it('records a change of workflow and verifier with before and after, and a save that changes nothing not at all', async () => {
    const before = endpointChanges('stripe-contracts').length;
    const moved = await call<EndpointSavedView>('saveEndpoint', stripeEndpoint({
      mode: 'update', workflowId: 'vip-onboarding', verifier: { provider: 'stripe', types: ['contract.signed', 'customer.created'] }, secret: undefined,
      actor: { who: 'Lee', why: 'VIP contracts' },
    }));
    expect(moved).toMatchObject({ created: false, secret: null, endpoint: { workflowId: 'vip-onboarding', settings: { types: ['contract.signed', 'customer.created'] } } });
    expect(moved.endpoint.secrets).toHaveLength(1); // the pasted secret is kept
    const changes = endpointChanges('stripe-contracts');
    expect(changes).toHaveLength(before + 1);
    expect(changes.at(-1)).toMatchObject({
      change: 'endpoint.updated', changed: ['workflowId', 'verifier'], who: 'Lee', why: 'VIP contracts',
      before: { workflowId: 'client-onboarding', verifier: { types: ['contract.signed'] } },
      after: { workflowId: 'vip-onboarding', verifier: { types: ['contract.signed', 'customer.created'] } },
    });
    const run = await postStripe('stripe-contracts', contractEvent(6));
    expect((await call<RunDetail>('getRun', { runId: run.body.runId })).run.workflowId).toBe('vip-onboarding');

    await call<EndpointSavedView>('saveEndpoint', stripeEndpoint({ mode: 'update', workflowId: 'vip-onboarding', verifier: { provider: 'stripe', types: ['contract.signed', 'customer.created'] }, secret: undefined }));
    expect(endpointChanges('stripe-contracts')).toHaveLength(before + 1);
  });

  it('adds a pasted secret on update, so a rotation can start from the edit form', async () => {
    const next = 'whsec_secondStripeSecretAfterRoll987654321';
    const saved = await call<EndpointSavedView>('saveEndpoint', stripeEndpoint({ mode: 'update', workflowId: 'vip-onboarding', secret: { kind: 'given', value: next } }));
    expect(saved.endpoint.secrets.map((s) => s.lastFour)).toEqual([STRIPE_SECRET.slice(-4), next.slice(-4)]);
    expect((await postStripe('stripe-contracts', contractEvent(7), next)).status).toBe(200);
    expect((await postStripe('stripe-contracts', contractEvent(8))).status).toBe(200);
  });
});

describe('the providers the form offers', () => {
  it('lists every verifier with where its secret is found and only the settings it reads', async () => {
    const providers = await call<EndpointProviderView[]>('listEndpointProviders', {});
    expect(providers.map((p) => p.provider)).toEqual(verifierNames());
    expect(providers.every((p) => p.secretHint.length > 10 && p.title.length > 0)).toBe(true);
    const byName = new Map(providers.map((p) => [p.provider, p]));
    expect(byName.get('stripe')).toMatchObject({ secretSource: 'provider', catchUp: { mode: 'event-list' } });
    expect(byName.get('stripe')!.fields.map((f) => f.name)).toEqual(['types']);
    expect(byName.get('github')!.fields).toEqual([]);
    expect(byName.get('hmac')).toMatchObject({ secretSource: 'provider-or-keel' });
    expect(byName.get('hmac')!.fields.find((f) => f.name === 'header')).toMatchObject({ required: true });
    expect(byName.get('standard-webhooks')!.secretSource).toBe('provider-or-keel');
    expect(byName.get('none')).toMatchObject({ authenticates: false, secretSource: 'none' });
  });
});
