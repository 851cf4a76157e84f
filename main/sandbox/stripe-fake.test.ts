/**
 * The Stripe fake, driven by the official stripe-node SDK over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type Stripe from 'stripe';
import { stripeClient } from './sdk-clients';
import { StripeFake } from './stripe-fake';
import { rejectionOf } from '../test-support/rejection';

const fake = new StripeFake({ seed: 7 });
let stripe: Stripe;

beforeAll(async () => {
  await fake.start();
  stripe = stripeClient(fake.connection, { timeout: 2000 });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const contractCustomer = { name: 'Acme Corp', email: 'ada@acme.example', metadata: { contract_id: 'ctr_1', plan: 'enterprise' } };

describe('customers', () => {
  it('creates a customer shaped like Stripe, sends form-encoded metadata, and records customer.created', async () => {
    const customer = await stripe.customers.create(contractCustomer);
    expect(customer.id).toMatch(/^cus_[A-Za-z0-9]{14}$/);
    expect(customer).toMatchObject({ object: 'customer', email: 'ada@acme.example', name: 'Acme Corp', livemode: false, metadata: contractCustomer.metadata });
    expect(customer.lastResponse.requestId).toMatch(/^req_/);
    expect(fake.requests({ method: 'POST', path: '/v1/customers' })[0]?.body).toContain('metadata[contract_id]=ctr_1');
    const events = await stripe.events.list({ limit: 1 });
    expect(events.data[0]).toMatchObject({ type: 'customer.created', data: { object: { id: customer.id } } });
    expect(fake.created()).toEqual({ customer: 1 });
  });

  it('retrieves, updates and deletes, answering 404 resource_missing for an unknown id', async () => {
    const { id } = await stripe.customers.create(contractCustomer);
    await stripe.customers.update(id, { metadata: { plan: 'standard' } });
    expect((await stripe.customers.retrieve(id)) as Stripe.Customer).toMatchObject({ metadata: { contract_id: 'ctr_1', plan: 'standard' } });
    await stripe.customers.del(id);
    expect(await stripe.customers.retrieve(id)).toMatchObject({ id, deleted: true });
    const e = await rejectionOf(stripe.customers.retrieve('cus_doesnotexist00'));
    expect(e).toMatchObject({ type: 'StripeInvalidRequestError', statusCode: 404, code: 'resource_missing', rawType: 'invalid_request_error' });
  });

  it('refuses unknown parameters and bad emails before running, as a 400 with the parameter named', async () => {
    const unknown = await rejectionOf(stripe.customers.create({ ...contractCustomer, colour: 'red' } as Stripe.CustomerCreateParams));
    expect(unknown).toMatchObject({ statusCode: 400, code: 'parameter_unknown', param: 'colour' });
    const email = await rejectionOf(stripe.customers.create({ email: 'not-an-email' }));
    expect(email).toMatchObject({ statusCode: 400, code: 'email_invalid', param: 'email' });
    expect(fake.created()).toEqual({});
  });

  it('finds customers by metadata and email with the search query language', async () => {
    const a = await stripe.customers.create(contractCustomer);
    await stripe.customers.create({ email: 'grace@globex.example', metadata: { contract_id: 'ctr_2' } });
    const byContract = await stripe.customers.search({ query: "metadata['contract_id']:'ctr_1'" });
    expect(byContract.data.map((c) => c.id)).toEqual([a.id]);
    const byEmail = await stripe.customers.search({ query: "email:'ADA@acme.example' AND metadata['plan']:'enterprise'" });
    expect(byEmail.data.map((c) => c.id)).toEqual([a.id]);
    const e = await rejectionOf(stripe.customers.search({ query: "email:'a' AND name:'b' OR name:'c'" }));
    expect(e).toMatchObject({ statusCode: 400, param: 'query' });
  });

  it('can lag search behind writes, as Stripe search does, while list by email sees the customer at once', async () => {
    const lagging = await new StripeFake({ searchIndexDelayMs: 60_000 }).start();
    try {
      const client = stripeClient(lagging.connection);
      const created = await client.customers.create(contractCustomer);
      expect((await client.customers.search({ query: "metadata['contract_id']:'ctr_1'" })).data).toEqual([]);
      expect((await client.customers.list({ email: 'ada@acme.example' })).data.map((c) => c.id)).toEqual([created.id]);
    } finally {
      await lagging.stop();
    }
  });
});

describe('idempotency', () => {
  it('replays the saved answer for the same key and parameters, creating one customer', async () => {
    const first = await stripe.customers.create(contractCustomer, { idempotencyKey: 'run-1:stripe_customer' });
    const replay = await stripe.customers.create(contractCustomer, { idempotencyKey: 'run-1:stripe_customer' });
    expect(replay.id).toBe(first.id);
    expect(replay.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(replay.lastResponse.headers['original-request']).toBe(first.lastResponse.requestId);
    expect(replay.lastResponse.requestId).not.toBe(first.lastResponse.requestId);
    expect(fake.created()).toEqual({ customer: 1 });
    expect(fake.events().filter((e) => e.type === 'customer.created')).toHaveLength(1);
  });

  it('answers idempotency_error when the key is reused with other parameters', async () => {
    await stripe.customers.create(contractCustomer, { idempotencyKey: 'key-a' });
    const e = await rejectionOf(stripe.customers.create({ ...contractCustomer, name: 'Other' }, { idempotencyKey: 'key-a' }));
    expect(e).toMatchObject({ rawType: 'idempotency_error', statusCode: 400, type: 'StripeIdempotencyError' });
    expect(e.message).toContain('same parameters');
    const other = await rejectionOf(stripe.invoices.create({ customer: 'cus_x' }, { idempotencyKey: 'key-a' }));
    expect(other).toMatchObject({ rawType: 'idempotency_error' });
    expect(fake.created()).toEqual({ customer: 1 });
  });

  it('answers 409 idempotency_key_in_use to a second request while the first with its key is still running', async () => {
    const slow = await new StripeFake({ latencyMs: 300 }).start();
    try {
      const client = stripeClient(slow.connection);
      const results = await Promise.allSettled([
        client.customers.create(contractCustomer, { idempotencyKey: 'twice' }),
        client.customers.create(contractCustomer, { idempotencyKey: 'twice' }),
      ]);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as Record<string, unknown>);
      expect(rejected).toEqual([expect.objectContaining({ statusCode: 409, code: 'idempotency_key_in_use', type: 'StripeAPIError' })]);
      expect(slow.created()).toEqual({ customer: 1 });
      const later = await client.customers.create(contractCustomer, { idempotencyKey: 'twice' });
      expect(later.lastResponse.headers['idempotent-replayed']).toBe('true');
    } finally {
      await slow.stop();
    }
  });

  it('keeps nothing for a request refused by validation, so a corrected retry may reuse the key', async () => {
    await rejectionOf(stripe.customers.create({ email: 'broken' }, { idempotencyKey: 'key-b' }));
    const fixed = await stripe.customers.create(contractCustomer, { idempotencyKey: 'key-b' });
    expect(fixed.object).toBe('customer');
  });

  it('replays an execution error too (a subscription refused for lack of a payment method)', async () => {
    const { id } = await stripe.customers.create(contractCustomer);
    const params = { customer: id, items: [{ price: 'price_keel_standard_monthly' }] };
    const first = await rejectionOf(stripe.subscriptions.create(params, { idempotencyKey: 'sub-1' }));
    expect(first).toMatchObject({ statusCode: 400, code: 'resource_missing' });
    const again = await rejectionOf(stripe.subscriptions.create(params, { idempotencyKey: 'sub-1' }));
    expect(again.headers['idempotent-replayed']).toBe('true');
  });
});

describe('faults', () => {
  it('surfaces a 429 with Retry-After as StripeRateLimitError', async () => {
    fake.inject({ method: 'POST', path: '/v1/customers' }, { status: 429, retryAfterSeconds: 7 });
    const e = await rejectionOf(stripe.customers.create(contractCustomer));
    expect(e).toMatchObject({ type: 'StripeRateLimitError', statusCode: 429, code: 'rate_limit' });
    expect(e.headers['retry-after']).toBe('7');
    expect(fake.created()).toEqual({});
  });

  it('surfaces a 503 as StripeAPIError with rawType api_error', async () => {
    fake.inject({ path: '/v1/balance' }, { status: 503 });
    const e = await rejectionOf(stripe.balance.retrieve());
    expect(e).toMatchObject({ type: 'StripeAPIError', statusCode: 503, rawType: 'api_error' });
    expect((await stripe.balance.retrieve()).object).toBe('balance');
  });

  it('reset-after creates the customer while the SDK sees a connection error; a retry with the key adopts it', async () => {
    // stripe-node re-sends once on ECONNRESET even with maxNetworkRetries 0, so two resets are needed to
    // make the failure visible; the re-send carries the same Idempotency-Key and creates nothing.
    fake.inject({ method: 'POST', path: '/v1/customers' }, { kind: 'reset-after' });
    fake.inject({ method: 'POST', path: '/v1/customers' }, { kind: 'reset-before' });
    const e = await rejectionOf(stripe.customers.create(contractCustomer, { idempotencyKey: 'crash-1' }));
    expect(e.type).toBe('StripeConnectionError');
    expect(fake.created()).toEqual({ customer: 1 });
    const sent = fake.requests({ path: '/v1/customers' });
    expect(sent.map((r) => r.headers['idempotency-key'])).toEqual(['crash-1', 'crash-1']);
    const adopted = await stripe.customers.create(contractCustomer, { idempotencyKey: 'crash-1' });
    expect(adopted.id).toBe(fake.customers()[0]?.id);
    expect(adopted.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.created()).toEqual({ customer: 1 });
  });

  it('a single reset-after is healed by the SDK\'s own re-send, which Stripe answers from the saved result', async () => {
    fake.inject({ method: 'POST', path: '/v1/customers' }, { kind: 'reset-after' });
    const customer = await stripe.customers.create(contractCustomer);
    expect(customer.lastResponse.headers['idempotent-replayed']).toBe('true');
    expect(fake.created()).toEqual({ customer: 1 });
  });

  it('answers 401 in Stripe\'s envelope without a valid key', async () => {
    const e = await rejectionOf(stripeClient({ ...fake.connection, apiKey: 'sk_live_nope' }).balance.retrieve());
    expect(e).toMatchObject({ type: 'StripeAuthenticationError', statusCode: 401, rawType: 'invalid_request_error' });
    const res = await fetch(`${fake.origin}/v1/balance`);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { type: string } }).error.type).toBe('invalid_request_error');
  });
});

describe('billing', () => {
  it('creates a subscription with its first invoice, and invoice items gathered into a draft invoice', async () => {
    const { id: customer } = await stripe.customers.create(contractCustomer);
    const sub = await stripe.subscriptions.create({
      customer,
      items: [{ price: 'price_keel_enterprise_monthly', quantity: 2 }],
      payment_behavior: 'default_incomplete',
      expand: ['latest_invoice'],
    });
    expect(sub.id).toMatch(/^sub_/);
    expect(sub.status).toBe('incomplete');
    expect(sub.items.data[0]?.price.id).toBe('price_keel_enterprise_monthly');
    expect(sub.latest_invoice).toMatchObject({ object: 'invoice', status: 'open', amount_due: 2 * 499_00 });

    const sent = await stripe.subscriptions.create({ customer, items: [{ price: 'price_keel_standard_monthly' }], collection_method: 'send_invoice', days_until_due: 30 });
    expect(sent.status).toBe('active');

    await stripe.invoiceItems.create({ customer, amount: 250_00, currency: 'usd', description: 'Onboarding' });
    await stripe.invoiceItems.create({ customer, pricing: { price: 'price_keel_onboarding_fee' } });
    const invoice = await stripe.invoices.create({ customer, pending_invoice_items_behavior: 'include', collection_method: 'send_invoice', days_until_due: 14 });
    expect(invoice).toMatchObject({ status: 'draft', amount_due: 500_00 });
    expect(invoice.lines.data).toHaveLength(2);
    const finalized = await stripe.invoices.finalizeInvoice(invoice.id!);
    expect(finalized.status).toBe('open');
    expect(fake.created()).toEqual({ customer: 1, subscription: 2, invoice: 3, invoiceitem: 2 });
  });

  it('refuses an unknown price with resource_missing naming the parameter', async () => {
    const { id: customer } = await stripe.customers.create(contractCustomer);
    const e = await rejectionOf(stripe.subscriptions.create({ customer, items: [{ price: 'price_nope' }] }));
    expect(e).toMatchObject({ statusCode: 400, code: 'resource_missing', param: 'items[0][price]' });
  });
});

describe('events', () => {
  it('lists newest first and pages with starting_after / ending_before', async () => {
    for (let i = 0; i < 5; i++) await stripe.customers.create({ email: `c${i}@acme.example` });
    const all = fake.events().map((e) => e.id).reverse();
    const first = await stripe.events.list({ limit: 2 });
    expect(first.data.map((e) => e.id)).toEqual(all.slice(0, 2));
    expect(first.has_more).toBe(true);
    const second = await stripe.events.list({ limit: 2, starting_after: first.data[1]!.id });
    expect(second.data.map((e) => e.id)).toEqual(all.slice(2, 4));
    const back = await stripe.events.list({ limit: 2, ending_before: second.data[0]!.id });
    expect(back.data.map((e) => e.id)).toEqual(all.slice(0, 2));
    const only = await stripe.events.list({ type: 'customer.*' });
    expect(only.data).toHaveLength(5);
  });
});
