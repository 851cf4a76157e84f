/**
 * Catch-up against the sandbox's Stripe fake, through the official `stripe` SDK: customers created while
 * "asleep" come back as their `customer.created` events, oldest first, exactly once.
 */
import type Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifierNames } from '../intake/verifiers';
import { startSandbox, type Sandbox } from '../sandbox';
import { catchUpSupport, retriesOnlyProviders, StripeCatchUp, stripeEventClient, type CatchUpCursor, type CaughtUpEvent, type DeliverOutcome } from './catch-up';

let sandbox: Sandbox;
let stripe: Stripe;
beforeEach(async () => {
  sandbox = await startSandbox({ seed: 7 });
  stripe = stripeEventClient({ apiKey: sandbox.stripe.apiKey, apiBase: sandbox.providers.stripe.apiBase });
});
afterEach(() => sandbox.close());

/** The intake's side, in memory: dedup on the delivery id, as the real store path does. */
function intake() {
  const stored = new Map<string, CaughtUpEvent>();
  const order: string[] = [];
  let failAt: string | null = null;
  return {
    order,
    stored,
    failOn: (id: string | null) => (failAt = id),
    deliver: async (event: CaughtUpEvent): Promise<DeliverOutcome> => {
      if (event.deliveryId === failAt) throw new Error('SQLITE_BUSY: database is locked');
      if (stored.has(event.deliveryId)) return 'duplicate';
      stored.set(event.deliveryId, event);
      order.push(event.deliveryId);
      return 'accepted';
    },
  };
}

function memoryCursors(initial: Record<string, CatchUpCursor> = {}) {
  const map = new Map(Object.entries(initial));
  return { map, get: (slug: string) => map.get(slug) ?? null, set: (slug: string, c: CatchUpCursor) => void map.set(slug, c) };
}

async function createCustomers(n: number, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await stripe.customers.create({ email: `${tag}${i}@acme.example`, name: `${tag} ${i}` })).id);
  return ids;
}

/** Event ids the fake recorded, oldest first. */
const fakeEventIds = () => sandbox.stripe.fake.events().map((e) => e.id as string);

describe('StripeCatchUp', () => {
  it('notes a baseline on the first run, then feeds missed events oldest first, exactly once', async () => {
    await createCustomers(1, 'before');
    const sink = intake();
    const cursors = memoryCursors();
    const catchUp = new StripeCatchUp({ stripe, cursors, deliver: sink.deliver });

    const first = await catchUp.run('payments');
    expect(first).toMatchObject({ outcome: 'baseline', accepted: 0, cursor: { eventId: fakeEventIds()[0] } });
    expect(sink.order).toEqual([]); // history from before Keel watched is not replayed

    const missed = await createCustomers(5, 'asleep');
    const second = await catchUp.run('payments');
    expect(second).toMatchObject({ outcome: 'caught-up', accepted: 5, duplicates: 0, note: null });
    expect(sink.order).toEqual(fakeEventIds().slice(1));
    const bodies = sink.order.map((id) => JSON.parse(sink.stored.get(id)!.body) as Stripe.Event);
    expect(bodies.map((e) => e.type)).toEqual(Array(5).fill('customer.created'));
    expect(bodies.map((e) => (e.data.object as { id: string }).id)).toEqual(missed);
    expect(sink.stored.get(sink.order[0]!)).toMatchObject({ endpointSlug: 'payments', provider: 'stripe', type: 'customer.created' });
    expect(cursors.map.get('payments')!.eventId).toBe(fakeEventIds().at(-1));

    const third = await catchUp.run('payments');
    expect(third).toMatchObject({ accepted: 0, duplicates: 0 });
    expect(sink.order).toHaveLength(5);
  });

  it('pages through more events than fit in one request', async () => {
    await createCustomers(1, 'base');
    const sink = intake();
    const catchUp = new StripeCatchUp({ stripe, cursors: memoryCursors(), deliver: sink.deliver, pageSize: 2 });
    await catchUp.run('payments');
    await createCustomers(7, 'many');
    expect(await catchUp.run('payments')).toMatchObject({ accepted: 7 });
    expect(sink.order).toEqual(fakeEventIds().slice(1));
    const requests = sandbox.stripe.fake.requests({ method: 'GET', path: '/v1/events' });
    // One baseline request, then pages of two walking forward: 7 events, 4 pages.
    expect(requests.slice(1).map((r) => [typeof r.query.ending_before, r.query.limit])).toEqual(Array(4).fill(['string', '2']));
  });

  it('shares one run between calls that overlap (start and reconnect at once)', async () => {
    await createCustomers(1, 'base');
    const sink = intake();
    const catchUp = new StripeCatchUp({ stripe, cursors: memoryCursors(), deliver: sink.deliver });
    await catchUp.run('payments');
    await createCustomers(3, 'x');
    const [a, b] = await Promise.all([catchUp.run('payments'), catchUp.run('payments')]);
    expect(a).toBe(b);
    expect(sink.order).toHaveLength(3);
  });

  it('resumes at the event whose delivery failed, without skipping or repeating any', async () => {
    await createCustomers(1, 'base');
    const sink = intake();
    const catchUp = new StripeCatchUp({ stripe, cursors: memoryCursors(), deliver: sink.deliver });
    await catchUp.run('payments');
    await createCustomers(4, 'y');
    const ids = fakeEventIds().slice(1);
    sink.failOn(ids[2]!);
    await expect(catchUp.run('payments')).rejects.toThrow('database is locked');
    expect(sink.order).toEqual(ids.slice(0, 2));
    sink.failOn(null);
    expect(await catchUp.run('payments')).toMatchObject({ accepted: 2, duplicates: 0 });
    expect(sink.order).toEqual(ids);
  });

  it('looks by time when the last event seen has expired, and lets dedup drop what was already delivered', async () => {
    const ids = await createCustomers(3, 'old').then(() => fakeEventIds());
    const sink = intake();
    await sink.deliver({ endpointSlug: 'payments', provider: 'stripe', deliveryId: ids[0]!, type: 'customer.created', created: 0, body: '{}' });
    const cursors = memoryCursors({ payments: { eventId: 'evt_expired_long_ago', created: 0 } });
    const result = await new StripeCatchUp({ stripe, cursors, deliver: sink.deliver }).run('payments');
    expect(result).toMatchObject({ outcome: 'caught-up', accepted: 2, duplicates: 1, note: expect.stringContaining('evt_expired_long_ago') });
    expect(sink.order).toEqual(ids);
    expect(cursors.map.get('payments')!.eventId).toBe(ids.at(-1));
  });

  it('starts from a time when the account had no events yet, so the first ones are not missed', async () => {
    const sink = intake();
    const cursors = memoryCursors();
    const catchUp = new StripeCatchUp({ stripe, cursors, deliver: sink.deliver });
    expect(await catchUp.run('payments')).toMatchObject({ outcome: 'baseline', cursor: { eventId: null } });
    expect(await catchUp.run('payments')).toMatchObject({ outcome: 'caught-up', accepted: 0, cursor: { eventId: null } });
    await createCustomers(2, 'first');
    expect(await catchUp.run('payments')).toMatchObject({ accepted: 2 });
    expect(sink.order).toEqual(fakeEventIds());
    expect(await catchUp.run('payments')).toMatchObject({ accepted: 0, duplicates: 0 });
  });

  it('on its first run fetches what was missed since the endpoint was created, but not older history', async () => {
    const realNow = Date.now();
    const clock = vi.spyOn(Date, 'now').mockReturnValue(realNow - 3_600_000); // an hour before the endpoint existed
    await createCustomers(2, 'history');
    clock.mockRestore();
    const createdAt = Date.now() - 60_000;
    const missed = await createCustomers(3, 'before-first-catch-up');
    const sink = intake();
    const catchUp = new StripeCatchUp({ stripe, cursors: memoryCursors(), deliver: sink.deliver, watchingSince: () => createdAt });
    expect(await catchUp.run('payments')).toMatchObject({ outcome: 'caught-up', accepted: 3, duplicates: 0 });
    const bodies = sink.order.map((id) => JSON.parse(sink.stored.get(id)!.body) as Stripe.Event);
    expect(bodies.map((e) => (e.data.object as { id: string }).id)).toEqual(missed);
    expect(await catchUp.run('payments')).toMatchObject({ accepted: 0, duplicates: 0 });
  });

  it('asks only for the event types the endpoint listens to', async () => {
    await createCustomers(1, 'base');
    const sink = intake();
    const catchUp = new StripeCatchUp({ stripe, cursors: memoryCursors(), deliver: sink.deliver, types: ['customer.created'] });
    await catchUp.run('payments');
    const [id] = await createCustomers(1, 'z');
    await stripe.customers.update(id!, { name: 'renamed' }); // customer.updated: not wanted
    expect(await catchUp.run('payments')).toMatchObject({ accepted: 1 });
    expect([...sink.stored.values()].map((e) => e.type)).toEqual(['customer.created']);
  });
});

describe('catchUpSupport', () => {
  it('names every verifier but Stripe "retries only"', () => {
    expect(catchUpSupport('stripe')).toMatchObject({ mode: 'event-list', label: 'catches up' });
    expect(catchUpSupport('github')).toMatchObject({ mode: 'retries-only', label: 'retries only', detail: expect.stringContaining('Recent Deliveries') });
    expect(retriesOnlyProviders(verifierNames())).toEqual(verifierNames().filter((p) => p !== 'stripe').sort());
  });
});
