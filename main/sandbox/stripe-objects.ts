/**
 * Stripe object shapes, field for field as the API returns them for the pinned API version (2026 "basil"
 * lineage: billing periods live on subscription items, invoice items carry `pricing` instead of `price`).
 * Only what the builders need to decide is computed; the rest are Stripe's defaults for a fresh test-mode object.
 */
import type { FormObject } from './stripe-form';
import {
  applyMetadata,
  bool,
  checkEmail,
  int,
  invalidParam,
  metadataParam,
  obj,
  str,
} from './stripe-params';

export interface StripeObject {
  id: string;
  object: string;
  created: number;
  [key: string]: unknown;
}

export type IdMaker = (prefix: string, length?: number) => string;

export const CUSTOMER_PARAMS = [
  'address', 'balance', 'cash_balance', 'description', 'email', 'expand', 'invoice_prefix', 'invoice_settings',
  'metadata', 'name', 'next_invoice_sequence', 'payment_method', 'phone', 'preferred_locales', 'shipping', 'source',
  'tax', 'tax_exempt', 'tax_id_data', 'test_clock', 'validate',
] as const;

export function newCustomer(id: IdMaker, now: number, params: FormObject): StripeObject {
  const email = str(params, 'email');
  checkEmail(email);
  const metadata: Record<string, string> = {};
  applyMetadata(metadata, metadataParam(params));
  const settings = obj(params, 'invoice_settings');
  const defaultPm = (settings && str(settings, 'default_payment_method')) ?? null;
  const source = str(params, 'source');
  return {
    id: id('cus_', 14),
    object: 'customer',
    address: null,
    balance: int(params, 'balance') ?? 0,
    created: now,
    currency: null,
    default_source: source ? id('card_', 24) : null,
    delinquent: false,
    description: str(params, 'description') ?? null,
    discount: null,
    email: email ?? null,
    invoice_prefix: str(params, 'invoice_prefix') ?? id('', 8).toUpperCase(),
    invoice_settings: { custom_fields: null, default_payment_method: defaultPm, footer: null, rendering_options: null },
    livemode: false,
    metadata,
    name: str(params, 'name') ?? null,
    next_invoice_sequence: 1,
    phone: str(params, 'phone') ?? null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: str(params, 'tax_exempt') ?? 'none',
    test_clock: null,
  };
}

/** Applies an update to a customer in place and returns the previous values of what changed (for the event). */
export function updateCustomer(customer: StripeObject, params: FormObject): Record<string, unknown> {
  const previous: Record<string, unknown> = {};
  for (const field of ['email', 'name', 'description', 'phone'] as const) {
    if (params[field] === undefined) continue;
    const value = str(params, field) ?? null;
    if (field === 'email') checkEmail(value ?? undefined);
    if (customer[field] !== value) {
      previous[field] = customer[field];
      customer[field] = value;
    }
  }
  const patch = metadataParam(params);
  if (patch && Object.keys(patch).length) {
    previous.metadata = { ...(customer.metadata as Record<string, string>) };
    applyMetadata(customer.metadata as Record<string, string>, patch);
  }
  const settings = obj(params, 'invoice_settings');
  if (settings && settings.default_payment_method !== undefined) {
    const s = customer.invoice_settings as Record<string, unknown>;
    previous.invoice_settings = { ...s };
    s.default_payment_method = str(settings, 'default_payment_method') ?? null;
  }
  return previous;
}

export function hasPaymentMethod(customer: StripeObject): boolean {
  const settings = customer.invoice_settings as { default_payment_method: string | null };
  return Boolean(settings.default_payment_method || customer.default_source);
}

export function newPrice(
  id: IdMaker,
  now: number,
  spec: { id?: string; unit_amount: number; currency?: string; interval?: 'day' | 'week' | 'month' | 'year' | null; nickname?: string; lookup_key?: string },
): StripeObject {
  const recurring = spec.interval === null ? null : { interval: spec.interval ?? 'month', interval_count: 1, meter: null, usage_type: 'licensed' };
  return {
    id: spec.id ?? id('price_', 24),
    object: 'price',
    active: true,
    billing_scheme: 'per_unit',
    created: now,
    currency: spec.currency ?? 'usd',
    custom_unit_amount: null,
    livemode: false,
    lookup_key: spec.lookup_key ?? null,
    metadata: {},
    nickname: spec.nickname ?? null,
    product: id('prod_', 14),
    recurring,
    tax_behavior: 'unspecified',
    tiers_mode: null,
    transform_quantity: null,
    type: recurring ? 'recurring' : 'one_time',
    unit_amount: spec.unit_amount,
    unit_amount_decimal: String(spec.unit_amount),
  };
}

export function addPeriod(start: number, interval: string): number {
  const d = new Date(start * 1000);
  if (interval === 'day') d.setUTCDate(d.getUTCDate() + 1);
  else if (interval === 'week') d.setUTCDate(d.getUTCDate() + 7);
  else if (interval === 'year') d.setUTCFullYear(d.getUTCFullYear() + 1);
  else d.setUTCMonth(d.getUTCMonth() + 1);
  return Math.floor(d.getTime() / 1000);
}

export function newSubscriptionItem(id: IdMaker, now: number, subscription: string, price: StripeObject, quantity: number): StripeObject {
  const interval = (price.recurring as { interval: string } | null)?.interval ?? 'month';
  return {
    id: id('si_', 14),
    object: 'subscription_item',
    created: now,
    current_period_end: addPeriod(now, interval),
    current_period_start: now,
    discounts: [],
    metadata: {},
    price,
    quantity,
    subscription,
    tax_rates: [],
  };
}

export function newInvoice(
  id: IdMaker,
  now: number,
  customer: StripeObject,
  fields: {
    collection_method: string;
    days_until_due: number | null;
    billing_reason: string;
    subscription: string | null;
    description: string | null;
    metadata: Record<string, string>;
    auto_advance: boolean;
  },
): StripeObject {
  const invoiceId = id('in_', 24);
  return {
    id: invoiceId,
    object: 'invoice',
    account_country: 'US',
    account_name: 'Keel Sandbox',
    amount_due: 0,
    amount_paid: 0,
    amount_remaining: 0,
    attempt_count: 0,
    attempted: false,
    auto_advance: fields.auto_advance,
    billing_reason: fields.billing_reason,
    collection_method: fields.collection_method,
    created: now,
    currency: 'usd',
    customer: customer.id,
    customer_email: customer.email,
    customer_name: customer.name,
    description: fields.description,
    due_date: fields.days_until_due === null ? null : now + fields.days_until_due * 86400,
    hosted_invoice_url: null,
    invoice_pdf: null,
    lines: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/invoices/${invoiceId}/lines` },
    livemode: false,
    metadata: fields.metadata,
    number: null,
    parent: fields.subscription
      ? { type: 'subscription_details', subscription_details: { metadata: {}, subscription: fields.subscription } }
      : null,
    period_end: now,
    period_start: now,
    status: 'draft',
    status_transitions: { finalized_at: null, marked_uncollectible_at: null, paid_at: null, voided_at: null },
    subtotal: 0,
    total: 0,
  };
}

export function addLine(invoice: StripeObject, line: Omit<StripeObject, 'object' | 'created'> & { amount: number }): void {
  const lines = invoice.lines as { data: unknown[]; total_count: number };
  lines.data.push({ object: 'line_item', invoice: invoice.id, ...line });
  lines.total_count = lines.data.length;
  const total = (lines.data as { amount: number }[]).reduce((sum, l) => sum + l.amount, 0);
  Object.assign(invoice, { subtotal: total, total, amount_due: total, amount_remaining: total - (invoice.amount_paid as number) });
}

/** draft -> open (or paid when nothing is due, or when it is charged to a payment method on file). */
export function finalizeInvoice(invoice: StripeObject, customer: StripeObject, now: number, charge: boolean): void {
  const seq = customer.next_invoice_sequence as number;
  customer.next_invoice_sequence = seq + 1;
  invoice.number = `${customer.invoice_prefix as string}-${String(seq).padStart(4, '0')}`;
  invoice.hosted_invoice_url = `https://invoice.stripe.com/i/acct_keelsandbox/test_${invoice.id as string}`;
  invoice.invoice_pdf = `https://pay.stripe.com/invoice/acct_keelsandbox/test_${invoice.id as string}/pdf`;
  const transitions = invoice.status_transitions as Record<string, number | null>;
  transitions.finalized_at = now;
  if (invoice.amount_due === 0 || charge) {
    invoice.status = 'paid';
    invoice.amount_paid = invoice.amount_due;
    invoice.amount_remaining = 0;
    invoice.attempted = invoice.amount_due !== 0;
    invoice.attempt_count = invoice.amount_due !== 0 ? 1 : 0;
    transitions.paid_at = now;
  } else {
    invoice.status = 'open';
  }
}

export const INVOICE_ITEM_PARAMS = [
  'amount', 'currency', 'customer', 'description', 'discountable', 'discounts', 'expand', 'invoice', 'metadata',
  'period', 'price_data', 'pricing', 'price', 'quantity', 'subscription', 'tax_behavior', 'tax_code', 'tax_rates',
  'unit_amount_decimal',
] as const;

export function newInvoiceItem(id: IdMaker, now: number, params: FormObject, price: StripeObject | undefined): StripeObject {
  const quantity = int(params, 'quantity') ?? 1;
  let amount = int(params, 'amount');
  const currency = str(params, 'currency') ?? (price?.currency as string | undefined);
  if (price) amount = (price.unit_amount as number) * quantity;
  const decimal = str(params, 'unit_amount_decimal');
  if (amount === undefined && decimal !== undefined) amount = Math.round(Number(decimal) * quantity);
  if (amount === undefined) throw invalidParam('You must specify either `amount`, `pricing[price]`, or `unit_amount_decimal`.', 'amount');
  if (!currency) throw invalidParam('Missing required param: currency.', 'currency', 'parameter_missing');
  const metadata: Record<string, string> = {};
  applyMetadata(metadata, metadataParam(params));
  return {
    id: id('ii_', 24),
    object: 'invoiceitem',
    amount,
    created: now,
    currency,
    customer: str(params, 'customer') as string,
    date: now,
    description: str(params, 'description') ?? null,
    discountable: bool(params, 'discountable') ?? true,
    discounts: [],
    invoice: null,
    livemode: false,
    metadata,
    parent: null,
    period: { end: now, start: now },
    pricing: price
      ? { price_details: { price: price.id, product: price.product }, type: 'price_details', unit_amount_decimal: price.unit_amount_decimal }
      : null,
    proration: false,
    quantity,
    tax_rates: [],
    test_clock: null,
  };
}
