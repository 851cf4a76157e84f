/**
 * How a failed call is classified. Retryability lives on the failure; the engine reads it. HTTP statuses are
 * classified in this one place so every connector agrees on what "transient" means.
 */

export interface StepFailure {
  kind: 'retryable' | 'permanent';
  /** A sentence for a person, naming the problem. */
  message: string;
  /** Provider's or Keel's short code: `rate_limited`, `name_taken`, `http_503`, ... */
  code: string | null;
  /** The provider asked us to wait at least this long (Retry-After, rate-limit reset). */
  retryAfterMs?: number;
  /** The request may have reached the provider: the next attempt must not blindly repeat it. */
  outcomeUnknown?: boolean;
  status?: number;
}

const BRAND = Symbol.for('keel.ConnectorFailure');

/** Thrown by connectors (and Keel's own checks) when the fate of a failure is already known. */
export class ConnectorFailure extends Error {
  readonly [BRAND] = true;
  override name = 'ConnectorFailure';
  constructor(readonly failure: StepFailure) {
    super(failure.message);
  }
  static permanent(message: string, code: string | null = null): ConnectorFailure {
    return new ConnectorFailure({ kind: 'permanent', message, code });
  }
  static retryable(message: string, code: string | null = null, retryAfterMs?: number): ConnectorFailure {
    return new ConnectorFailure({ kind: 'retryable', message, code, ...(retryAfterMs !== undefined && { retryAfterMs }) });
  }
}

/** A brand check instead of `instanceof`, so it survives bundling and duplicated modules. */
export function isConnectorFailure(error: unknown): error is ConnectorFailure {
  return typeof error === 'object' && error !== null && (error as Record<symbol, unknown>)[BRAND] === true;
}

/** Retry-After is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | number | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const text = String(value).trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const NETWORK_CODES = new Set([
  'ECONNRESET', 'ECONNREFUSED', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH',
  'ENETUNREACH', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT',
]);

/** Codes where the request was never written, so nothing can have happened at the provider. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export function classifyNetworkError(code: string | undefined, message: string): StepFailure | undefined {
  if (!code || !NETWORK_CODES.has(code)) return undefined;
  return {
    kind: 'retryable',
    message: `Network error (${code}): ${message}`,
    code: code.toLowerCase(),
    outcomeUnknown: !NOT_SENT_CODES.has(code),
  };
}

/** The shared status table: 408, 425, 429 and 5xx heal with time; other 4xx need a person. */
export function classifyHttpStatus(
  status: number,
  detail: string,
  retryAfter?: string | number | null,
  code: string | null = `http_${status}`,
): StepFailure {
  const retryAfterMs = parseRetryAfter(retryAfter);
  const base = { message: `HTTP ${status}: ${detail}`, code, status, ...(retryAfterMs !== undefined && { retryAfterMs }) };
  if (status === 408 || status === 425 || status === 429 || status >= 500) {
    // A 5xx may have been answered after the work was done: treat the outcome as unknown.
    return { ...base, kind: 'retryable', outcomeUnknown: status >= 500 || status === 408 };
  }
  if (status === 401) return { ...base, kind: 'permanent', message: `The credential was refused (HTTP 401): ${detail}. Check it in Connections.` };
  if (status === 403) return { ...base, kind: 'permanent', message: `Not allowed (HTTP 403): ${detail}. The credential may lack a scope.` };
  return { ...base, kind: 'permanent' };
}

export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Timeouts and aborts raised by Keel itself while waiting on a call. */
export function classifyAbort(error: unknown, signal: AbortSignal | undefined): StepFailure | undefined {
  if (!signal?.aborted) return undefined;
  const reason = signal.reason as Error | undefined;
  const timedOut = reason?.name === 'TimeoutError';
  return {
    kind: 'retryable',
    message: timedOut ? 'The call timed out before the provider answered' : `The call was interrupted: ${describeError(error)}`,
    code: timedOut ? 'timeout' : 'aborted',
    outcomeUnknown: true,
  };
}
