/**
 * The Stripe fake's state and the helpers every endpoint shares: snapshots for responses, `expand[]`, the
 * event each change records, and lookups that fail the way Stripe fails (404 for the path's object, 400
 * `resource_missing` naming the parameter for a referenced one).
 */
import type { FakeResponse } from './fake-server';
import type { FormObject } from './stripe-form';
import { newPrice, type IdMaker, type StripeObject } from './stripe-objects';
import { allowOnly, paginate, referenceMissing, requireParam, resourceMissing, str } from './stripe-params';

export interface PriceSpec {
  id?: string;
  unit_amount: number;
  currency?: string;
  /** `null` makes a one-time price. Default `month`. */
  interval?: 'day' | 'week' | 'month' | 'year' | null;
  nickname?: string;
  lookup_key?: string;
}

export interface StripeContext {
  params: FormObject;
  requestId: string;
  idempotencyKey?: string;
  apiVersion: string;
  /** Unix seconds. */
  now: number;
}

export interface StripeStore {
  customers: Map<string, StripeObject>;
  deletedCustomers: Set<string>;
  prices: Map<string, StripeObject>;
  subscriptions: Map<string, StripeObject>;
  invoiceItems: Map<string, StripeObject>;
  invoices: Map<string, StripeObject>;
  events: StripeObject[];
  /** When (epoch ms) each customer becomes visible to search. */
  indexedAt: Map<string, number>;
  searchIndexDelayMs: number;
  autoCreatePrices: boolean;
  requirePaymentMethod: boolean;
  id: IdMaker;
  track(kind: string, obj: unknown): void;
}

export type Handler = (s: StripeStore, ctx: StripeContext, ids: string[]) => FakeResponse;

/** Responses are snapshots: later changes to the live object must not leak into a saved idempotent answer. */
export function ok(s: StripeStore, ctx: StripeContext, object: StripeObject | Record<string, unknown>): FakeResponse {
  return { status: 200, body: expand(s, structuredClone(object), ctx.params.expand) };
}

/** Top-level `expand[]` of id fields (`customer`, `latest_invoice`, `invoice`, `subscription`). */
export function expand(s: StripeStore, object: Record<string, unknown>, paths: FormObject[string] | undefined): Record<string, unknown> {
  const wanted = Array.isArray(paths) ? paths : typeof paths === 'string' ? [paths] : [];
  for (const path of wanted) {
    if (typeof path !== 'string') continue;
    const id = object[path];
    if (typeof id !== 'string') continue;
    const found = s.customers.get(id) ?? s.invoices.get(id) ?? s.subscriptions.get(id) ?? s.invoiceItems.get(id) ?? s.prices.get(id);
    if (found) object[path] = structuredClone(found);
  }
  return object;
}

export function emit(s: StripeStore, ctx: StripeContext, type: string, object: StripeObject, previous?: Record<string, unknown>): void {
  s.events.push({
    id: s.id('evt_', 24),
    object: 'event',
    api_version: ctx.apiVersion,
    created: ctx.now,
    data: { object: structuredClone(object), ...(previous && { previous_attributes: structuredClone(previous) }) },
    livemode: false,
    pending_webhooks: 0,
    request: { id: ctx.requestId, idempotency_key: ctx.idempotencyKey ?? null },
    type,
  });
}

export function customerOr404(s: StripeStore, id: string): StripeObject {
  const c = s.customers.get(id);
  if (!c) throw resourceMissing('customer', id);
  return c;
}

export function referencedCustomer(s: StripeStore, params: FormObject): StripeObject {
  requireParam(params, 'customer');
  const id = str(params, 'customer') as string;
  const c = s.customers.get(id);
  if (!c) throw referenceMissing('customer', id, 'customer');
  return c;
}

export function priceFor(s: StripeStore, id: string, param: string): StripeObject {
  let price = s.prices.get(id);
  if (!price && s.autoCreatePrices && id.startsWith('price_')) {
    price = newPrice(s.id, Math.floor(Date.now() / 1000), { id, unit_amount: 10_00 });
    s.prices.set(id, price);
  }
  if (!price) throw referenceMissing('price', id, param);
  return price;
}

export const getById =
  (kind: string, pick: (s: StripeStore) => Map<string, StripeObject>): Handler =>
  (s, ctx, [id = '']) => {
    allowOnly(ctx.params, ['expand']);
    const found = pick(s).get(id);
    if (!found) throw resourceMissing(kind, id);
    return ok(s, ctx, found);
  };

export const listByCustomer =
  (kind: string, url: string, pick: (s: StripeStore) => Map<string, StripeObject>): Handler =>
  (s, ctx) => {
    allowOnly(ctx.params, ['customer', 'ending_before', 'expand', 'limit', 'starting_after', 'status']);
    const customer = str(ctx.params, 'customer');
    const all = [...pick(s).values()].reverse().filter((o) => customer === undefined || o.customer === customer);
    return ok(s, ctx, paginate(all, ctx.params, url, kind));
  };

