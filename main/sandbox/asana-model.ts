/**
 * Asana's resources as the API renders them: numeric-string `gid`s, `resource_type`, compact forms in lists and
 * references, full forms for single reads, and `opt_fields` to choose fields. Also the `{ errors: [...] }`
 * envelope, shared by route errors and injected faults.
 */
import type { FakeResponse } from './fake-server';

export type AsanaRecord = { gid: string; resource_type: string; [key: string]: unknown };

export interface AsanaUser extends AsanaRecord {
  name: string;
  email: string;
}

export interface AsanaTemplate extends AsanaRecord {
  name: string;
  /** Task names every project instantiated from this template starts with. */
  taskNames: string[];
  teamGid: string;
}

export const ASANA_HELP =
  'For more information on API status codes and how to handle them, read the docs on errors: https://developers.asana.com/docs/errors';

export class AsanaError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function asanaErrorResponse(status: number, message: string, headers: Record<string, string> = {}): FakeResponse {
  const error: Record<string, string> = { message, help: ASANA_HELP };
  // Asana adds a memorable phrase to 500s so support can find the log line.
  if (status >= 500) error.phrase = 'keel sandbox six sad squid';
  return { status, body: { errors: [error] }, headers };
}

export function defaultAsanaMessage(status: number): string {
  switch (status) {
    case 400:
      return 'Bad Request';
    case 401:
      return 'Not Authorized';
    case 402:
      return 'Payment Required: this feature is only available to premium users.';
    case 403:
      return 'Forbidden';
    case 404:
      return 'Not Found';
    case 429:
      return 'You have made too many requests recently. Please, be chill.';
    default:
      return status >= 500 ? 'Server Error' : `Request failed with status ${status}`;
  }
}

export function compactUser(u: AsanaUser): AsanaRecord {
  return { gid: u.gid, resource_type: 'user', name: u.name };
}

export function compact(r: AsanaRecord): AsanaRecord {
  const out: AsanaRecord = { gid: r.gid, resource_type: r.resource_type, name: r.name };
  if (r.resource_subtype !== undefined) out.resource_subtype = r.resource_subtype;
  return out;
}

/** The values of an `opt_fields` query (comma-separated, possibly repeated or bracketed by the SDK). */
export function optFields(query: URLSearchParams): string[] | undefined {
  const raw = [...query.entries()].filter(([k]) => k === 'opt_fields' || k.startsWith('opt_fields[')).map(([, v]) => v);
  if (raw.length === 0) return undefined;
  return raw.flatMap((v) => v.split(',')).map((f) => f.trim()).filter(Boolean);
}

/**
 * With `opt_fields`, Asana returns `gid` plus exactly the fields asked for (a dotted path selects the whole
 * nested value here — a simplification); without, the form the endpoint defaults to.
 */
export function render(full: AsanaRecord, fields: string[] | undefined, compactByDefault: boolean): Record<string, unknown> {
  if (!fields) return structuredClone(compactByDefault ? compact(full) : full);
  const out: Record<string, unknown> = { gid: full.gid };
  for (const field of fields) {
    const top = field.split('.')[0] as string;
    if (Object.hasOwn(full, top)) out[top] = structuredClone(full[top]);
  }
  return out;
}

/** `YYYY-MM-DD`, as Asana's date fields require. */
export function checkDate(value: unknown, field: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new AsanaError(400, `${field}: Invalid date string: ${String(value)}`);
  }
  return value;
}

/** Asana list parameters arrive as arrays or comma-separated strings. */
export function gidList(value: unknown): string[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value.map(String);
  return String(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function isoNow(): string {
  return new Date().toISOString();
}
