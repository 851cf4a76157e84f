/**
 * Helpers for the contract's `Result`: building failures, and checking that something received over the wire
 * really is a Result before the UI trusts it.
 */
import type { ConsoleError, ConsoleErrorCode, Result } from '../../../preload/api';

export function failure(code: ConsoleErrorCode, message: string): { ok: false; error: ConsoleError } {
  return { ok: false, error: { code, message } };
}

const errorCodes: ReadonlySet<string> = new Set<ConsoleErrorCode>([
  'invalid_input',
  'not_found',
  'conflict',
  'unavailable',
  'internal',
]);

/** True when `value` has the exact shape of a Result (values themselves are typed by the contract, not checked). */
export function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  if (v.ok === true) return 'value' in v;
  if (v.ok !== false || typeof v.error !== 'object' || v.error === null) return false;
  const e = v.error as Record<string, unknown>;
  return typeof e.code === 'string' && errorCodes.has(e.code) && typeof e.message === 'string';
}

/** A thrown value as a sentence, for the rare case a transport throws instead of returning a Result. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return String(error);
}
