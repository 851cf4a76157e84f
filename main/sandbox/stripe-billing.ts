/**
 * Stripe billing: subscriptions (with the first invoice Stripe creates for them), invoice items, invoices and
 * finalization. A `charge_automatically` subscription for a customer with no payment method is refused the
 * way Stripe refuses it, unless `payment_behavior=default_incomplete` (or the fake is told not to care).
 */
import {
  addLine,
  finalizeInvoice,
  hasPaymentMethod,
  INVOICE_ITEM_PARAMS,
  newInvoice,
  newInvoiceItem,
  newSubscriptionItem,
  type StripeObject,
} from './stripe-objects';
import {
  allowOnly,
  applyMetadata,
  bool,
  int,
  invalidParam,
  list,
  metadataParam,
  obj,
  referenceMissing,
  requireParam,
  resourceMissing,
  str,
  StripeApiError,
} from './stripe-params';
import { emit, ok, priceFor, referencedCustomer, type Handler, type StripeStore } from './stripe-store';

const SUBSCRIPTION_PARAMS = [
  'add_invoice_items', 'application_fee_percent', 'automatic_tax', 'backdate_start_date', 'billing_cycle_anchor',
  'cancel_at', 'cancel_at_period_end', 'collection_method', 'currency', 'customer', 'days_until_due',
  'default_payment_method', 'default_source', 'description', 'discounts', 'expand', 'items', 'metadata',
  'off_session', 'payment_behavior', 'payment_settings', 'proration_behavior', 'trial_end', 'trial_from_plan',
  'trial_period_days',
];

export const createSubscription: Handler = (s, ctx) => {
  const p = ctx.params;
  allowOnly(p, SUBSCRIPTION_PARAMS);
  const customer = referencedCustomer(s, p);
  const items = list(p, 'items');
  if (!items || items.length === 0) throw invalidParam('Missing required param: items.', 'items', 'parameter_missing');
  const collection = str(p, 'collection_method') ?? 'charge_automatically';
  if (collection !== 'charge_automatically' && collection !== 'send_invoice') {
    throw invalidParam(`Invalid collection_method: must be one of charge_automatically or send_invoice`, 'collection_method');
  }
  const daysUntilDue = int(p, 'days_until_due') ?? null;
  if (collection === 'send_invoice' && daysUntilDue === null) {
    throw invalidParam('Missing required param: days_until_due.', 'days_until_due', 'parameter_missing');
  }
  const behavior = str(p, 'payment_behavior') ?? 'allow_incomplete';
  const trialDays = int(p, 'trial_period_days');
  const priced = items.map((item, i) => {
    if (typeof item === 'string' || Array.isArray(item)) throw invalidParam('Invalid object', `items[${i}]`);
    requireParam(item, 'price');
    const price = priceFor(s, str(item, 'price') as string, `items[${i}][price]`);
    if (!price.recurring) {
      throw invalidParam('The price specified is set to `type=one_time` but this field only accepts prices with `type=recurring`.', `items[${i}][price]`);
    }
    return { price, quantity: int(item, 'quantity', `items[${i}][quantity]`) ?? 1 };
  });
  const total = trialDays ? 0 : priced.reduce((sum, i) => sum + (i.price.unit_amount as number) * i.quantity, 0);
  const paymentMethod = str(p, 'default_payment_method') ?? null;
  const canCharge = paymentMethod !== null || hasPaymentMethod(customer) || !s.requirePaymentMethod;
  let status = trialDays ? 'trialing' : 'active';
  if (collection === 'charge_automatically' && total > 0 && !canCharge) {
    if (behavior !== 'default_incomplete') {
      // Saved like any executed request: the endpoint ran and refused.
      throw new StripeApiError(
        400,
        {
          type: 'invalid_request_error',
          code: 'resource_missing',
          message:
            'This customer has no attached payment source or default payment method. Please consider adding a default payment method. For more information, visit https://stripe.com/docs/billing/subscriptions/payment-methods-setting#payment-method-priority.',
        },
        true,
      );
    }
    status = 'incomplete';
  }
  const metadata: Record<string, string> = {};
  applyMetadata(metadata, metadataParam(p));
  const subId = s.id('sub_', 24);
  const subItems = priced.map((i) => newSubscriptionItem(s.id, ctx.now, subId, i.price, i.quantity));
  const invoice = newInvoice(s.id, ctx.now, customer, {
    collection_method: collection,
    days_until_due: daysUntilDue,
    billing_reason: 'subscription_create',
    subscription: subId,
    description: null,
    metadata: {},
    auto_advance: false,
  });
  for (const item of subItems) {
    const price = item.price as StripeObject;
    addLine(invoice, {
      id: s.id('il_', 24),
      amount: trialDays ? 0 : (price.unit_amount as number) * (item.quantity as number),
      currency: price.currency,
      description: `${String(item.quantity)} × ${(price.nickname as string | null) ?? 'Subscription'}`,
      metadata: {},
      period: { start: item.current_period_start, end: item.current_period_end },
      pricing: { price_details: { price: price.id, product: price.product }, type: 'price_details', unit_amount_decimal: price.unit_amount_decimal },
      quantity: item.quantity,
    });
  }
  finalizeInvoice(invoice, customer, ctx.now, collection === 'charge_automatically' && canCharge);
  const subscription: StripeObject = {
    id: subId,
    object: 'subscription',
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: ctx.now,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    collection_method: collection,
    created: ctx.now,
    currency: priced[0]?.price.currency ?? 'usd',
    customer: customer.id,
    days_until_due: daysUntilDue,
    default_payment_method: paymentMethod,
    default_source: null,
    description: str(p, 'description') ?? null,
    discounts: [],
    ended_at: null,
    items: { object: 'list', data: subItems, has_more: false, total_count: subItems.length, url: `/v1/subscription_items?subscription=${subId}` },
    latest_invoice: invoice.id,
    livemode: false,
    metadata,
    pause_collection: null,
    pending_update: null,
    schedule: null,
    start_date: ctx.now,
    status,
    test_clock: null,
    trial_end: trialDays ? ctx.now + trialDays * 86400 : null,
    trial_start: trialDays ? ctx.now : null,
  };
  s.subscriptions.set(subId, subscription);
  s.invoices.set(invoice.id, invoice);
  s.track('subscription', subscription);
  s.track('invoice', invoice);
  emit(s, ctx, 'customer.subscription.created', subscription);
  emit(s, ctx, 'invoice.created', invoice);
  emit(s, ctx, 'invoice.finalized', invoice);
  if (invoice.status === 'paid') emit(s, ctx, 'invoice.paid', invoice);
  return ok(s, ctx, subscription);
};

export const createInvoiceItem: Handler = (s, ctx) => {
  const p = ctx.params;
  allowOnly(p, INVOICE_ITEM_PARAMS);
  referencedCustomer(s, p);
  const pricing = obj(p, 'pricing');
  const priceId = (pricing && str(pricing, 'price')) ?? str(p, 'price');
  const price = priceId === undefined ? undefined : priceFor(s, priceId, pricing ? 'pricing[price]' : 'price');
  const item = newInvoiceItem(s.id, ctx.now, p, price);
  const invoiceId = str(p, 'invoice');
  if (invoiceId !== undefined) {
    const invoice = s.invoices.get(invoiceId);
    if (!invoice) throw referenceMissing('invoice', invoiceId, 'invoice');
    if (invoice.status !== 'draft') throw invalidParam('You can only add invoice items to draft invoices.', 'invoice');
    attachItem(s, invoice, item);
  }
  s.invoiceItems.set(item.id, item);
  s.track('invoiceitem', item);
  emit(s, ctx, 'invoiceitem.created', item);
  return ok(s, ctx, item);
};

function attachItem(s: StripeStore, invoice: StripeObject, item: StripeObject): void {
  item.invoice = invoice.id;
  addLine(invoice, {
    id: s.id('il_', 24),
    amount: item.amount as number,
    currency: item.currency,
    description: item.description,
    metadata: { ...(item.metadata as Record<string, string>) },
    parent: { type: 'invoice_item_details', invoice_item_details: { invoice_item: item.id } },
    period: item.period,
    pricing: item.pricing,
    quantity: item.quantity,
  });
}

const INVOICE_PARAMS = [
  'account_tax_ids', 'application_fee_amount', 'auto_advance', 'automatic_tax', 'collection_method', 'currency',
  'custom_fields', 'customer', 'days_until_due', 'default_payment_method', 'default_source', 'description', 'discounts',
  'due_date', 'expand', 'footer', 'issuer', 'metadata', 'number', 'on_behalf_of', 'payment_settings',
  'pending_invoice_items_behavior', 'rendering', 'shipping_cost', 'shipping_details', 'statement_descriptor',
  'subscription', 'transfer_data',
];

export const createInvoice: Handler = (s, ctx) => {
  const p = ctx.params;
  allowOnly(p, INVOICE_PARAMS);
  const customer = referencedCustomer(s, p);
  const collection = str(p, 'collection_method') ?? 'charge_automatically';
  const days = int(p, 'days_until_due') ?? null;
  if (collection === 'send_invoice' && days === null && str(p, 'due_date') === undefined) {
    throw invalidParam('Missing required param: days_until_due.', 'days_until_due', 'parameter_missing');
  }
  const behavior = str(p, 'pending_invoice_items_behavior') ?? 'exclude';
  if (behavior !== 'include' && behavior !== 'exclude') {
    throw invalidParam('Invalid pending_invoice_items_behavior: must be one of exclude or include', 'pending_invoice_items_behavior');
  }
  const metadata: Record<string, string> = {};
  applyMetadata(metadata, metadataParam(p));
  const invoice = newInvoice(s.id, ctx.now, customer, {
    collection_method: collection,
    days_until_due: days,
    billing_reason: 'manual',
    subscription: null,
    description: str(p, 'description') ?? null,
    metadata,
    auto_advance: bool(p, 'auto_advance') ?? false,
  });
  if (behavior === 'include') {
    for (const item of s.invoiceItems.values()) {
      if (item.customer === customer.id && item.invoice === null) attachItem(s, invoice, item);
    }
  }
  s.invoices.set(invoice.id, invoice);
  s.track('invoice', invoice);
  emit(s, ctx, 'invoice.created', invoice);
  return ok(s, ctx, invoice);
};

export const finalize: Handler = (s, ctx, [id = '']) => {
  allowOnly(ctx.params, ['auto_advance', 'expand']);
  const invoice = s.invoices.get(id);
  if (!invoice) throw resourceMissing('invoice', id);
  if (invoice.status !== 'draft') {
    throw new StripeApiError(
      400,
      { type: 'invalid_request_error', code: 'invoice_unexpected_state', message: "This invoice is already finalized, you can't re-finalize a non-draft invoice." },
      true,
    );
  }
  const customer = s.customers.get(invoice.customer as string);
  if (!customer) throw resourceMissing('customer', invoice.customer as string);
  finalizeInvoice(invoice, customer, ctx.now, invoice.collection_method === 'charge_automatically' && hasPaymentMethod(customer));
  emit(s, ctx, 'invoice.finalized', invoice);
  if ((invoice.status as string) === 'paid') emit(s, ctx, 'invoice.paid', invoice);
  return ok(s, ctx, invoice);
};

