/**
 * Stripe through the official SDK. Every POST carries the step's idempotency key, so an attempt re-sent after
 * a crash returns Stripe's saved response instead of creating a second object.
 */
import Stripe from 'stripe';
import { z } from 'zod';
import type { Connector } from '../connector';
import { classifyHttpStatus, classifyNetworkError, describeError, type StepFailure } from '../failure';
import { recordingAgentFor } from '../recording';
import { clientPerCredential, type ConnectorSettings } from '../settings';

const metadata = z.record(z.string(), z.string().max(500)).optional();

export function createStripeConnector(settings: ConnectorSettings): Connector {
  const url = new URL(settings.apiBase);
  const agent = recordingAgentFor(settings.apiBase, 'stripe', settings.sink);
  const client = clientPerCredential(
    (key) =>
      new Stripe(key, {
        host: url.hostname,
        port: Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
        protocol: url.protocol === 'https:' ? 'https' : 'http',
        httpAgent: agent,
        maxNetworkRetries: 0, // the engine retries, with the same idempotency key
        timeout: 60_000,
      }),
  );
  const stripe = async () => client(await settings.credential());

  return {
    id: 'stripe',
    title: 'Stripe',
    actions: {
      createCustomer: {
        title: 'Create customer',
        input: z.object({
          name: z.string().min(1).max(256),
          email: z.email(),
          description: z.string().max(500).optional(),
          metadata,
        }),
        async run(ctx, input) {
          const customer = await (await stripe()).customers.create(input, { idempotencyKey: ctx.idempotencyKey });
          return { id: customer.id, email: customer.email, name: customer.name };
        },
      },
      createSubscription: {
        title: 'Create subscription',
        input: z.object({
          customer: z.string().min(1),
          price: z.string().min(1),
          quantity: z.number().int().min(1).default(1),
          metadata,
        }),
        async run(ctx, input) {
          const subscription = await (await stripe()).subscriptions.create(
            { customer: input.customer, items: [{ price: input.price, quantity: input.quantity }], ...(input.metadata && { metadata: input.metadata }) },
            { idempotencyKey: ctx.idempotencyKey },
          );
          return { id: subscription.id, status: subscription.status };
        },
      },
      createInvoiceItem: {
        title: 'Add an invoice item',
        input: z.object({
          customer: z.string().min(1),
          /** In the currency's smallest unit (cents). */
          amount: z.number().int().min(1),
          currency: z.string().length(3).transform((c) => c.toLowerCase()),
          description: z.string().max(500).optional(),
          metadata,
        }),
        async run(ctx, input) {
          const item = await (await stripe()).invoiceItems.create(input, { idempotencyKey: ctx.idempotencyKey });
          return { id: item.id, amount: item.amount, currency: item.currency };
        },
      },
      createInvoice: {
        title: 'Create an invoice',
        input: z.object({
          customer: z.string().min(1),
          /** `send_invoice` emails it with `daysUntilDue`; `charge_automatically` charges the default payment method. */
          collectionMethod: z.enum(['send_invoice', 'charge_automatically']).default('send_invoice'),
          daysUntilDue: z.number().int().min(0).max(365).default(30),
          description: z.string().max(500).optional(),
          metadata,
        }),
        async run(ctx, input) {
          const invoice = await (await stripe()).invoices.create(
            {
              customer: input.customer, collection_method: input.collectionMethod, pending_invoice_items_behavior: 'include',
              ...(input.collectionMethod === 'send_invoice' && { days_until_due: input.daysUntilDue }),
              ...(input.description && { description: input.description }), ...(input.metadata && { metadata: input.metadata }),
            },
            { idempotencyKey: ctx.idempotencyKey },
          );
          return { id: invoice.id, status: invoice.status, amountDue: invoice.amount_due, currency: invoice.currency };
        },
      },
    },
    classify: classifyStripeError,
    async testConnection() {
      try {
        await (await stripe()).balance.retrieve();
        return { ok: true, detail: 'Stripe accepted the key' };
      } catch (error) {
        const failure = classifyStripeError(error);
        if (failure.status === 401) return { ok: false, problem: 'bad_credential', detail: failure.message };
        if (failure.status === 403) return { ok: false, problem: 'missing_scope', detail: failure.message };
        if (failure.status === undefined) return { ok: false, problem: 'unreachable', detail: failure.message };
        return { ok: false, problem: 'unknown', detail: failure.message };
      }
    },
  };
}

interface StripeErrorShape {
  type?: string;
  rawType?: string;
  statusCode?: number;
  code?: string;
  message?: string;
  headers?: Record<string, string | undefined>;
}

export function classifyStripeError(error: unknown): StepFailure {
  const e = (error ?? {}) as StripeErrorShape;
  if (e.type === 'StripeConnectionError' || (e.statusCode === undefined && e.type?.startsWith('Stripe'))) {
    return { kind: 'retryable', code: 'connection_error', message: `Could not reach Stripe: ${e.message}`, outcomeUnknown: true };
  }
  if (e.statusCode !== undefined) {
    const detail = e.message ?? 'Stripe refused the request';
    if (e.rawType === 'idempotency_error') {
      return { kind: 'permanent', code: 'idempotency_error', status: e.statusCode,
        message: `Stripe refused the idempotency key: ${detail}. The step's input changed since its first attempt; retry it with edited input to send a new key.` };
    }
    const failure = classifyHttpStatus(e.statusCode, detail, e.headers?.['retry-after'], e.code ?? e.rawType ?? `http_${e.statusCode}`);
    // Stripe says explicitly when a retry is safe; it knows better than the status code.
    const shouldRetry = e.headers?.['stripe-should-retry'];
    if (shouldRetry === 'true') return { ...failure, kind: 'retryable' };
    if (shouldRetry === 'false') return { ...failure, kind: 'permanent' };
    return failure;
  }
  return classifyNetworkError((error as NodeJS.ErrnoException)?.code, describeError(error)) ??
    { kind: 'permanent', code: 'unexpected', message: describeError(error) };
}
