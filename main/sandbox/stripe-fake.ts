/**
 * A local Stripe: `/v1` customers, customer search, subscriptions, invoice items, invoices, balance and events,
 * with Stripe's auth, error envelope, `request-id` header and — the point of it — Stripe's idempotency: a POST
 * replayed with the same `Idempotency-Key` and parameters gets the saved answer (`Idempotent-Replayed: true`)
 * and creates nothing; the same key with other parameters is a 400 `idempotency_error`.
 */
import { FakeServer, Router, type ErrorAction, type FakeRequest, type FakeResponse, type FakeServerOptions } from './fake-server';
import { ALNUM, randomString, uniqueId } from './random';
import { canonicalJson, FormParseError, parseStripeForm, type FormObject } from './stripe-form';
import { newPrice, type StripeObject } from './stripe-objects';
import { invalidParam, StripeApiError, type StripeErrorFields } from './stripe-params';
import { stripeRoutes, type PriceSpec, type StripeContext, type StripeStore } from './stripe-routes';

export const STRIPE_SANDBOX_KEY = 'sk_test_keel_sandbox_51KeelSandboxKey000000';
export const STRIPE_API_VERSION = '2026-10-28.endive';
/** Prices every Stripe fake starts with, so a subscription can be created without setup. */
export const STRIPE_SANDBOX_PRICES: readonly PriceSpec[] = [
  { id: 'price_keel_standard_monthly', unit_amount: 49_00, nickname: 'Standard', lookup_key: 'standard_monthly' },
  { id: 'price_keel_enterprise_monthly', unit_amount: 499_00, nickname: 'Enterprise', lookup_key: 'enterprise_monthly' },
  { id: 'price_keel_onboarding_fee', unit_amount: 250_00, nickname: 'Onboarding fee', interval: null },
];

export interface StripeFakeOptions extends FakeServerOptions {
  /** The one secret key accepted, as a Stripe account has its own. Default: STRIPE_SANDBOX_KEY. */
  apiKey?: string;
  /** New customers stay invisible to `/v1/customers/search` this long, as Stripe's search index lags. Default 0. */
  searchIndexDelayMs?: number;
  /** Unknown `price_…` ids are created on first use (sandbox demos). Default false: 400 `resource_missing`. */
  autoCreatePrices?: boolean;
  /**
   * A `charge_automatically` subscription for a customer without a default payment method is refused, as
   * Stripe refuses it (unless `payment_behavior=default_incomplete`). Default true; the sandbox turns it off
   * so demo customers, who have no cards, can subscribe.
   */
  requirePaymentMethod?: boolean;
  /** Prices to seed instead of `STRIPE_SANDBOX_PRICES`. */
  prices?: PriceSpec[];
}

interface SavedResponse {
  method: string;
  path: string;
  fingerprint: string;
  requestId: string;
  response: FakeResponse;
}

type StripeHandler = (ctx: StripeContext, ids: string[]) => FakeResponse;

export class StripeFake extends FakeServer {
  private readonly options: StripeFakeOptions;
  private store!: StripeStore;
  private idempotency = new Map<string, SavedResponse>();
  private requestIds = new WeakMap<FakeRequest, string>();
  /** Idempotency scopes with a request still being worked on, and the requests that collided with one. */
  private inFlight = new Map<string, FakeRequest>();
  private collided = new WeakSet<FakeRequest>();
  private readonly router = new Router<StripeHandler>();

  constructor(options: StripeFakeOptions = {}) {
    super(options);
    this.options = options;
    this.resetState();
    for (const [method, pattern, handler] of stripeRoutes) {
      this.router.on(method, pattern, (ctx, ids) => handler(this.store, ctx, ids));
    }
  }

  /** What `new Stripe(apiKey, { host, port, protocol })` needs. */
  get connection(): { host: string; port: number; protocol: 'http'; apiKey: string } {
    return { host: '127.0.0.1', port: this.port, protocol: 'http', apiKey: this.options.apiKey ?? STRIPE_SANDBOX_KEY };
  }

  customers(): StripeObject[] {
    return [...this.store.customers.values()];
  }
  subscriptions(): StripeObject[] {
    return [...this.store.subscriptions.values()];
  }
  invoices(): StripeObject[] {
    return [...this.store.invoices.values()];
  }
  invoiceItems(): StripeObject[] {
    return [...this.store.invoiceItems.values()];
  }
  prices(): StripeObject[] {
    return [...this.store.prices.values()];
  }
  /** Every event, oldest first (the API lists newest first). */
  events(): StripeObject[] {
    return [...this.store.events];
  }

  addPrice(spec: PriceSpec): StripeObject {
    const price = newPrice(this.makeId, now(), spec);
    this.store.prices.set(price.id, price);
    return price;
  }

  protected resetState(): void {
    this.idempotency = new Map();
    this.store = {
      customers: new Map(),
      deletedCustomers: new Set(),
      prices: new Map(),
      subscriptions: new Map(),
      invoiceItems: new Map(),
      invoices: new Map(),
      events: [],
      indexedAt: new Map(),
      searchIndexDelayMs: this.options.searchIndexDelayMs ?? 0,
      autoCreatePrices: this.options.autoCreatePrices ?? false,
      requirePaymentMethod: this.options.requirePaymentMethod ?? true,
      id: this.makeId,
      track: (kind, o) => this.track(kind, o),
    };
    for (const spec of this.options.prices ?? STRIPE_SANDBOX_PRICES) this.addPrice(spec);
  }

  private makeId = (prefix: string, length = 24): string =>
    uniqueId(this.rng, (id) => this.knownId(id), (rng) => `${prefix}${randomString(rng, length, ALNUM)}`);

  private knownId(id: string): boolean {
    const s = this.store;
    if (!s) return false;
    return s.customers.has(id) || s.subscriptions.has(id) || s.invoices.has(id) || s.invoiceItems.has(id) || s.prices.has(id);
  }

  private requestId(req: FakeRequest): string {
    let id = this.requestIds.get(req);
    if (!id) this.requestIds.set(req, (id = `req_${randomString(this.rng, 14)}`));
    return id;
  }

  protected override decorate(res: FakeResponse, req: FakeRequest): void {
    // A replay carries the original's headers; its own request id must still win.
    res.headers = { 'stripe-version': this.apiVersion(req), ...res.headers, 'request-id': this.requestId(req) };
  }

  /** Keys are scoped to the credential; the raw Authorization header stands in for it here. */
  private scopeOf(req: FakeRequest): string | undefined {
    const key = req.headers['idempotency-key'];
    if (req.method !== 'POST' || typeof key !== 'string' || key === '') return undefined;
    return `${req.headers.authorization ?? ''}\u0000${key}`;
  }

  protected override onArrive(req: FakeRequest): void {
    const scope = this.scopeOf(req);
    if (scope === undefined) return;
    if (this.inFlight.has(scope)) this.collided.add(req);
    else this.inFlight.set(scope, req);
  }

  protected override onSettled(req: FakeRequest): void {
    const scope = this.scopeOf(req);
    if (scope !== undefined && this.inFlight.get(scope) === req) this.inFlight.delete(scope);
  }

  private apiVersion(req: FakeRequest): string {
    const v = req.headers['stripe-version'];
    return typeof v === 'string' && v ? v : STRIPE_API_VERSION;
  }

  protected route(req: FakeRequest): FakeResponse {
    const requestId = this.requestId(req);
    try {
      this.authenticate(req);
      const found = this.router.find(req.method, req.path);
      if (!found) {
        throw new StripeApiError(
          404,
          {
            type: 'invalid_request_error',
            message: `Unrecognized request URL (${req.method}: ${req.path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
          },
          false,
        );
      }
      let params: FormObject;
      try {
        params = parseStripeForm(req.method === 'POST' ? req.body : req.log.rawQuery);
      } catch (error) {
        if (error instanceof FormParseError) throw invalidParam(error.message);
        throw error;
      }
      const header = req.headers['idempotency-key'];
      const idempotencyKey = typeof header === 'string' && header !== '' ? header : undefined;
      const ctx: StripeContext = { params, requestId, idempotencyKey, apiVersion: this.apiVersion(req), now: now() };
      const run = () => found.handler(ctx, found.params);
      if (req.method === 'POST' && idempotencyKey !== undefined) return this.idempotent(idempotencyKey, req, ctx, run);
      return run();
    } catch (error) {
      if (error instanceof StripeApiError) return this.errorBody(error.status, error.fields, requestId, error.headers);
      throw error;
    }
  }

  private idempotent(key: string, req: FakeRequest, ctx: StripeContext, run: () => FakeResponse): FakeResponse {
    if (key.length > 255) throw invalidParam('Idempotency keys can be at most 255 characters long.', undefined, 'idempotency_key_too_long');
    if (this.collided.has(req)) {
      // Another request with this key is still being worked on: Stripe answers 409 and keeps nothing.
      throw new StripeApiError(
        409,
        {
          type: 'invalid_request_error',
          code: 'idempotency_key_in_use',
          message: `There is currently another in-progress request using this Idempotency Key (that probably means you submitted twice, and the other request is still going through): ${key}. Please try again later.`,
        },
        false,
      );
    }
    const scope = this.scopeOf(req) as string;
    const fingerprint = canonicalJson(ctx.params);
    const saved = this.idempotency.get(scope);
    if (saved) {
      if (saved.method !== req.method || saved.path !== req.path) {
        throw new StripeApiError(
          400,
          {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used for the same endpoint they were first used for ('${saved.method} ${saved.path}' vs '${req.method} ${req.path}'). Try using a key other than '${key}' if you meant to execute a different request.`,
          },
          false,
        );
      }
      if (saved.fingerprint !== fingerprint) {
        throw new StripeApiError(
          400,
          {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${key}' if you meant to execute a different request.`,
          },
          false,
        );
      }
      return {
        ...saved.response,
        headers: { ...saved.response.headers, 'idempotent-replayed': 'true', 'original-request': saved.requestId },
      };
    }
    let response: FakeResponse;
    try {
      response = run();
    } catch (error) {
      if (!(error instanceof StripeApiError)) throw error;
      response = this.errorBody(error.status, error.fields, ctx.requestId, error.headers);
      // Validation failures never reached the endpoint: Stripe keeps nothing, so a fixed retry may reuse the key.
      if (!error.saveIdempotent) return response;
    }
    const snapshot = { ...response, headers: { ...response.headers } };
    this.idempotency.set(scope, { method: req.method, path: req.path, fingerprint, requestId: ctx.requestId, response: snapshot });
    return response;
  }

  private authenticate(req: FakeRequest): string {
    const auth = req.headers.authorization ?? '';
    let key = '';
    const bearer = /^Bearer\s+(.+)$/i.exec(auth);
    const basic = /^Basic\s+(.+)$/i.exec(auth);
    if (bearer) key = (bearer[1] ?? '').trim();
    else if (basic) key = Buffer.from(basic[1] ?? '', 'base64').toString('utf8').split(':')[0] ?? '';
    if (!key) {
      throw new StripeApiError(
        401,
        {
          type: 'invalid_request_error',
          message:
            "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
        },
        false,
      );
    }
    const accepted = key === (this.options.apiKey ?? STRIPE_SANDBOX_KEY);
    if (!accepted) {
      const masked = key.length > 12 ? `${key.slice(0, 8)}${'*'.repeat(key.length - 12)}${key.slice(-4)}` : key;
      throw new StripeApiError(401, { type: 'invalid_request_error', message: `Invalid API Key provided: ${masked}` }, false);
    }
    return key;
  }

  private errorBody(status: number, fields: StripeErrorFields, requestId: string, headers: Record<string, string> = {}): FakeResponse {
    const error: Record<string, unknown> = {};
    if (fields.code) {
      error.code = fields.code;
      error.doc_url = `https://stripe.com/docs/error-codes/${fields.code.replace(/_/g, '-')}`;
    }
    error.message = fields.message;
    if (fields.param) error.param = fields.param;
    error.request_log_url = `https://dashboard.stripe.com/test/logs/${requestId}?t=${now()}`;
    error.type = fields.type;
    return { status, body: { error }, headers };
  }

  protected errorResponse(action: ErrorAction, req: FakeRequest): FakeResponse {
    const headers: Record<string, string> = {};
    if (action.retryAfterSeconds !== undefined) headers['retry-after'] = String(action.retryAfterSeconds);
    return this.errorBody(action.status, stripeFaultFields(action), this.requestId(req), headers);
  }
}

/** Stripe's wording for each status, used by injected faults. */
function stripeFaultFields(action: ErrorAction): StripeErrorFields {
  const { status } = action;
  const message = action.message ?? action.platformError;
  if (status === 429) {
    return {
      type: 'invalid_request_error',
      code: 'rate_limit',
      message: message ?? 'Request rate limit exceeded. Learn more about rate limits here https://stripe.com/docs/rate-limits.',
    };
  }
  if (status >= 500) {
    return { type: 'api_error', message: message ?? 'An unknown error occurred with Stripe. Please try again.' };
  }
  if (status === 401) return { type: 'invalid_request_error', message: message ?? 'Invalid API Key provided: sk_test_********' };
  if (status === 402) return { type: 'card_error', code: 'card_declined', message: message ?? 'Your card was declined.' };
  if (status === 404) return { type: 'invalid_request_error', code: 'resource_missing', message: message ?? 'No such object.' };
  if (status === 409) {
    return {
      type: 'invalid_request_error',
      code: 'idempotency_key_in_use',
      message: message ?? 'There is currently another in-progress request using this idempotency key. Please try again later.',
    };
  }
  return { type: 'invalid_request_error', message: message ?? `Request failed with status ${status}.` };
}

function now(): number {
  return Math.floor(Date.now() / 1000);
}
