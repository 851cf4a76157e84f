/**
 * Money in recorded Stripe calls, read back from the bytes that crossed the wire: the JSON Stripe answered
 * and, when it answered nothing usable, the form the SDK sent. Amounts stay integers in the currency's
 * smallest unit (as Stripe counts them) until they are formatted for people.
 */

/** The parts of an `http.exchange` payload (see main/core/exchange-log.ts) this reads. */
export interface RecordedExchange {
  request?: { method?: string; url?: string; body?: RecordedBody | null } | null;
  response?: { status?: number; body?: RecordedBody | null } | null;
}

interface RecordedBody {
  text?: string;
  encoding?: string;
  truncated?: boolean;
}

export interface MoneyCall {
  /** In the currency's smallest unit (cents for EUR, yen for JPY), as Stripe counts. */
  amountMinor: number;
  /** ISO 4217, upper case. */
  currency: string;
  /** Stripe's object type (`subscription`, `invoiceitem`, `payment_intent`, ...), when known. */
  object: string | null;
  objectId: string | null;
  method: string;
  path: string;
  httpStatus: number | null;
  /** The call succeeded (2xx) and the amount is what Stripe confirmed, not only what was asked for. */
  confirmed: boolean;
}

/** ISO 4217 exponents Stripe uses where they are not 2 (https://docs.stripe.com/currencies). */
const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

export function currencyExponent(currency: string): number {
  const c = currency.toUpperCase();
  return ZERO_DECIMAL.has(c) ? 0 : THREE_DECIMAL.has(c) ? 3 : 2;
}

/** `49900, 'EUR'` -> `'499.00'`; exact (no floating point), negative amounts keep their sign. */
export function formatMinor(amountMinor: number, currency: string): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(Math.trunc(amountMinor))).padStart(exponent + 1, '0');
  const whole = digits.slice(0, digits.length - exponent);
  const fraction = exponent ? `.${digits.slice(digits.length - exponent)}` : '';
  return `${amountMinor < 0 ? '-' : ''}${whole}${fraction}`;
}

/** The amount as a number of major units, for spreadsheet cells (exact for any amount Stripe allows). */
export function majorUnits(amountMinor: number, currency: string): number {
  return Number(formatMinor(amountMinor, currency));
}

function text(body: RecordedBody | null | undefined): string | null {
  if (!body || body.encoding !== 'utf8' || typeof body.text !== 'string' || body.truncated) return null;
  return body.text;
}

function jsonObject(source: string | null): Record<string, unknown> | null {
  if (!source) return null;
  try {
    const value: unknown = JSON.parse(source);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const integer = (v: unknown): number | null => (typeof v === 'number' && Number.isSafeInteger(v) ? v : null);

/** A subscription carries its money in its items: unit amount times quantity, summed. */
function subscriptionAmount(object: Record<string, unknown>): number | null {
  const items = (object.items as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(items) || !items.length) return null;
  let sum = 0;
  for (const item of items as { price?: { unit_amount?: unknown }; quantity?: unknown }[]) {
    const unit = integer(item.price?.unit_amount);
    if (unit === null) return null;
    sum += unit * (integer(item.quantity) ?? 1);
  }
  return sum;
}

/** The amount a Stripe object states, by the field its type uses. */
function objectAmount(object: Record<string, unknown>): number | null {
  if (object.object === 'subscription') return subscriptionAmount(object);
  for (const field of ['amount', 'amount_total', 'total', 'amount_due', 'unit_amount']) {
    const value = integer(object[field]);
    if (value !== null) return value;
  }
  return null;
}

function formAmount(form: URLSearchParams): number | null {
  for (const field of ['amount', 'unit_amount']) {
    const value = form.get(field);
    if (value !== null && /^-?\d+$/.test(value)) return Number(value);
  }
  return null;
}

/**
 * The money a recorded Stripe call moved or asked to move, or null when it bore none. Reads (GET) are not
 * money-bearing calls: they restate amounts, they do not move them.
 */
export function stripeMoney(exchange: RecordedExchange): MoneyCall | null {
  const method = (exchange.request?.method ?? '').toUpperCase();
  if (!method || method === 'GET' || method === 'HEAD') return null;
  let path = exchange.request?.url ?? '';
  try {
    path = new URL(path).pathname;
  } catch {
    // a relative or odd URL is shown as recorded
  }
  const httpStatus = exchange.response?.status ?? null;
  const ok = httpStatus !== null && httpStatus >= 200 && httpStatus < 300;
  const answered = ok ? jsonObject(text(exchange.response?.body)) : null;
  const form = new URLSearchParams(text(exchange.request?.body) ?? '');
  const fromAnswer = answered && objectAmount(answered);
  const amountMinor = fromAnswer ?? formAmount(form);
  const currency = (typeof answered?.currency === 'string' && answered.currency) || form.get('currency');
  if (amountMinor === null || !currency) return null;
  return {
    amountMinor,
    currency: currency.toUpperCase(),
    object: typeof answered?.object === 'string' ? answered.object : null,
    objectId: typeof answered?.id === 'string' ? answered.id : null,
    method,
    path,
    httpStatus,
    confirmed: fromAnswer !== null,
  };
}
