/**
 * The Stripe endpoints: customers (with search), prices, balance and events here, billing in
 * `stripe-billing.ts`. Every object created also records the event Stripe would send for it
 * (`customer.created`, `invoice.created`, …), listed by `GET /v1/events`.
 */
import { CUSTOMER_PARAMS, newCustomer, updateCustomer } from './stripe-objects';
import { allowOnly, int, invalidParam, list, paginate, requireParam, resourceMissing, str } from './stripe-params';
import { matchesQuery, parseSearchQuery, SearchQueryError } from './stripe-search';
import { createInvoice, createInvoiceItem, createSubscription, finalize } from './stripe-billing';
import { customerOr404, emit, getById, listByCustomer, ok, type Handler } from './stripe-store';

export type { PriceSpec, StripeContext, StripeStore } from './stripe-store';

const createCustomer: Handler = (s, ctx) => {
  allowOnly(ctx.params, CUSTOMER_PARAMS);
  const customer = newCustomer(s.id, ctx.now, ctx.params);
  s.customers.set(customer.id, customer);
  s.indexedAt.set(customer.id, Date.now() + s.searchIndexDelayMs);
  s.track('customer', customer);
  emit(s, ctx, 'customer.created', customer);
  return ok(s, ctx, customer);
};

const getCustomer: Handler = (s, ctx, [id = '']) => {
  allowOnly(ctx.params, ['expand']);
  if (s.deletedCustomers.has(id)) return ok(s, ctx, { id, object: 'customer', deleted: true });
  return ok(s, ctx, customerOr404(s, id));
};

const updateCustomerRoute: Handler = (s, ctx, [id = '']) => {
  allowOnly(ctx.params, CUSTOMER_PARAMS);
  const customer = customerOr404(s, id);
  const previous = updateCustomer(customer, ctx.params);
  if (Object.keys(previous).length) emit(s, ctx, 'customer.updated', customer, previous);
  return ok(s, ctx, customer);
};

const deleteCustomer: Handler = (s, ctx, [id = '']) => {
  const customer = customerOr404(s, id);
  s.customers.delete(id);
  s.deletedCustomers.add(id);
  emit(s, ctx, 'customer.deleted', customer);
  return ok(s, ctx, { id, object: 'customer', deleted: true });
};

const listCustomers: Handler = (s, ctx) => {
  allowOnly(ctx.params, ['created', 'email', 'ending_before', 'expand', 'limit', 'starting_after', 'test_clock']);
  const email = str(ctx.params, 'email');
  // The list filter is exact and case-sensitive, and (unlike search) sees a customer the moment it exists.
  const all = [...s.customers.values()].reverse().filter((c) => email === undefined || c.email === email);
  return ok(s, ctx, paginate(all, ctx.params, '/v1/customers', 'customer'));
};

const searchCustomers: Handler = (s, ctx) => {
  allowOnly(ctx.params, ['expand', 'limit', 'page', 'query']);
  requireParam(ctx.params, 'query');
  let query;
  try {
    query = parseSearchQuery(str(ctx.params, 'query') as string);
  } catch (error) {
    if (error instanceof SearchQueryError) throw invalidParam(error.message, 'query');
    throw error;
  }
  const limit = int(ctx.params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('Invalid limit: must be between 1 and 100', 'limit');
  const page = str(ctx.params, 'page');
  const offset = page === undefined ? 0 : Number(Buffer.from(page, 'base64url').toString('utf8'));
  if (!Number.isInteger(offset) || offset < 0) throw invalidParam('Invalid page token.', 'page');
  const nowMs = Date.now();
  const hits = [...s.customers.values()]
    .reverse()
    .filter((c) => (s.indexedAt.get(c.id) ?? 0) <= nowMs && matchesQuery(c, query));
  const data = hits.slice(offset, offset + limit);
  const hasMore = offset + limit < hits.length;
  return ok(s, ctx, {
    object: 'search_result',
    data,
    has_more: hasMore,
    next_page: hasMore ? Buffer.from(String(offset + limit)).toString('base64url') : null,
    url: '/v1/customers/search',
  });
};

const getPrice: Handler = (s, ctx, [id = '']) => {
  allowOnly(ctx.params, ['expand']);
  const price = s.prices.get(id);
  if (!price) throw resourceMissing('price', id);
  return ok(s, ctx, price);
};

const balance: Handler = (s, ctx) => {
  allowOnly(ctx.params, ['expand']);
  const zero = [{ amount: 0, currency: 'usd', source_types: { card: 0 } }];
  return ok(s, ctx, { object: 'balance', available: zero, livemode: false, pending: zero });
};

const listEvents: Handler = (s, ctx) => {
  allowOnly(ctx.params, ['created', 'delivery_success', 'ending_before', 'expand', 'limit', 'starting_after', 'type', 'types']);
  const type = str(ctx.params, 'type');
  const types = list(ctx.params, 'types')?.filter((t): t is string => typeof t === 'string');
  // `type` accepts a trailing wildcard: `customer.*`.
  const matchType = (t: string) =>
    (type === undefined || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type)) && (!types || types.includes(t));
  const all = [...s.events].reverse().filter((e) => matchType(e.type as string));
  return ok(s, ctx, paginate(all, ctx.params, '/v1/events', 'event'));
};

const getEvent: Handler = (s, ctx, [id = '']) => {
  allowOnly(ctx.params, ['expand']);
  const event = s.events.find((e) => e.id === id);
  if (!event) throw resourceMissing('event', id);
  return ok(s, ctx, event);
};

const ID = '([^/]+)';
export const stripeRoutes: [string, RegExp, Handler][] = [
  ['POST', /^\/v1\/customers$/, createCustomer],
  ['GET', /^\/v1\/customers$/, listCustomers],
  ['GET', /^\/v1\/customers\/search$/, searchCustomers],
  ['GET', new RegExp(`^/v1/customers/${ID}$`), getCustomer],
  ['POST', new RegExp(`^/v1/customers/${ID}$`), updateCustomerRoute],
  ['DELETE', new RegExp(`^/v1/customers/${ID}$`), deleteCustomer],
  ['GET', new RegExp(`^/v1/prices/${ID}$`), getPrice],
  ['POST', /^\/v1\/subscriptions$/, createSubscription],
  ['GET', /^\/v1\/subscriptions$/, listByCustomer('subscription', '/v1/subscriptions', (s) => s.subscriptions)],
  ['GET', new RegExp(`^/v1/subscriptions/${ID}$`), getById('subscription', (s) => s.subscriptions)],
  ['POST', /^\/v1\/invoiceitems$/, createInvoiceItem],
  ['GET', new RegExp(`^/v1/invoiceitems/${ID}$`), getById('invoiceitem', (s) => s.invoiceItems)],
  ['POST', /^\/v1\/invoices$/, createInvoice],
  ['GET', /^\/v1\/invoices$/, listByCustomer('invoice', '/v1/invoices', (s) => s.invoices)],
  ['GET', new RegExp(`^/v1/invoices/${ID}$`), getById('invoice', (s) => s.invoices)],
  ['POST', new RegExp(`^/v1/invoices/${ID}/finalize$`), finalize],
  ['GET', /^\/v1\/balance$/, balance],
  ['GET', /^\/v1\/events$/, listEvents],
  ['GET', new RegExp(`^/v1/events/${ID}$`), getEvent],
];

