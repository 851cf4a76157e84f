/**
 * Stripe's parameter validation and error vocabulary. Validation errors are answered before the endpoint
 * "starts executing", which matters for idempotency: Stripe saves no result for them, so a corrected retry with
 * the same key is allowed. Execution errors (a missing customer, an impossible subscription) are saved and
 * replayed like successes.
 */
import type { FormObject, FormValue } from './stripe-form';

export interface StripeErrorFields {
  type: 'invalid_request_error' | 'api_error' | 'idempotency_error' | 'card_error' | 'authentication_error';
  message: string;
  code?: string;
  param?: string;
}

export class StripeApiError extends Error {
  constructor(
    readonly status: number,
    readonly fields: StripeErrorFields,
    /** False for validation errors: Stripe keeps no idempotent result when the endpoint never ran. */
    readonly saveIdempotent: boolean,
    readonly headers: Record<string, string> = {},
  ) {
    super(fields.message);
  }
}

export function invalidParam(message: string, param?: string, code?: string): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, param, code }, false);
}

export function resourceMissing(kind: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(
    404,
    { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param },
    true,
  );
}

/** A missing referenced object inside a create (e.g. `customer` on a subscription) is a 400, not a 404. */
export function referenceMissing(kind: string, id: string, param: string): StripeApiError {
  return new StripeApiError(
    400,
    { type: 'invalid_request_error', code: 'resource_missing', message: `No such ${kind}: '${id}'`, param },
    true,
  );
}

export function allowOnly(params: FormObject, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw invalidParam(`Received unknown parameter: ${key}`, key, 'parameter_unknown');
  }
}

export function requireParam(params: FormObject, name: string): void {
  const v = params[name];
  if (v === undefined || v === '') throw invalidParam(`Missing required param: ${name}.`, name, 'parameter_missing');
}

export function str(params: FormObject, name: string): string | undefined {
  const v = params[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidParam(`Invalid string: ${JSON.stringify(v)}`, name, 'parameter_invalid_string');
  return v === '' ? undefined : v;
}

export function int(params: FormObject, name: string, param = name): number | undefined {
  const v = str(params, name);
  if (v === undefined) return undefined;
  if (!/^-?\d+$/.test(v)) throw invalidParam(`Invalid integer: ${v}`, param, 'parameter_invalid_integer');
  return Number(v);
}

export function bool(params: FormObject, name: string): boolean | undefined {
  const v = str(params, name);
  if (v === undefined) return undefined;
  if (v !== 'true' && v !== 'false') throw invalidParam(`Invalid boolean: ${v}`, name);
  return v === 'true';
}

export function obj(params: FormObject, name: string): FormObject | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (typeof v === 'string' || Array.isArray(v)) throw invalidParam(`Invalid object`, name, 'parameter_invalid_string');
  return v;
}

export function list(params: FormObject, name: string): FormValue[] | undefined {
  const v = params[name];
  if (v === undefined || v === '') return undefined;
  if (!Array.isArray(v)) throw invalidParam(`Invalid array`, name);
  return v;
}

/**
 * Stripe's metadata limits: 50 keys, keys up to 40 characters, values up to 500. An empty value unsets a key
 * on update, so it is returned as `null` for the caller to apply.
 */
export function metadataParam(params: FormObject): Record<string, string | null> | undefined {
  const m = obj(params, 'metadata');
  if (!m) return params.metadata === '' ? {} : undefined;
  const out: Record<string, string | null> = {};
  const keys = Object.keys(m);
  if (keys.length > 50) throw invalidParam('Metadata can have at most 50 keys.', 'metadata');
  for (const key of keys) {
    const value = m[key];
    if (typeof value !== 'string') throw invalidParam(`Invalid value for metadata[${key}]: must be a string`, `metadata[${key}]`);
    if (key.length > 40) throw invalidParam(`Metadata keys can have at most 40 characters; '${key}' is too long.`, `metadata[${key}]`);
    if (value.length > 500) throw invalidParam(`Metadata values can have at most 500 characters.`, `metadata[${key}]`);
    out[key] = value === '' ? null : value;
  }
  return out;
}

export function applyMetadata(target: Record<string, string>, patch: Record<string, string | null> | undefined): void {
  if (!patch) return;
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete target[k];
    else target[k] = v;
  }
}

/** Stripe's own check is loose too: something@something.tld, no spaces. */
export function checkEmail(email: string | undefined): void {
  if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    throw invalidParam(`Invalid email address: ${email}`, 'email', 'email_invalid');
  }
}

/** Cursor pagination shared by every list endpoint: newest first, `limit` 1..100 (default 10). */
export function paginate<T extends { id: string }>(
  newestFirst: T[],
  params: FormObject,
  url: string,
  kind: string,
): { object: 'list'; data: T[]; has_more: boolean; url: string } {
  const limit = int(params, 'limit') ?? 10;
  if (limit < 1 || limit > 100) throw invalidParam('Invalid limit: must be between 1 and 100', 'limit');
  const startingAfter = str(params, 'starting_after');
  const endingBefore = str(params, 'ending_before');
  const indexOf = (id: string, param: string) => {
    const i = newestFirst.findIndex((o) => o.id === id);
    if (i === -1) throw resourceMissing(kind, id, param);
    return i;
  };
  if (endingBefore !== undefined) {
    const end = indexOf(endingBefore, 'ending_before');
    const start = Math.max(0, end - limit);
    return { object: 'list', data: newestFirst.slice(start, end), has_more: start > 0, url };
  }
  const start = startingAfter !== undefined ? indexOf(startingAfter, 'starting_after') + 1 : 0;
  return { object: 'list', data: newestFirst.slice(start, start + limit), has_more: start + limit < newestFirst.length, url };
}
