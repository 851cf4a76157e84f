/**
 * What can go wrong on the wire, as data. A test queues faults on a fake; the fake applies the first one whose
 * matcher fits each incoming request. Kept apart from the server so the rules (matching, counting down, the
 * random transient rate) can be read and tested on their own.
 */
import type { Rng } from './random';

/** Which requests a fault applies to. Omitted fields match anything. */
export interface FaultMatcher {
  /** HTTP method, case-insensitive. */
  method?: string;
  /** Exact pathname (no query), e.g. `/v1/customers` or `/api/chat.postMessage`, or a RegExp tested on it. */
  path?: string | RegExp;
  /** How many matching requests get the fault; default 1. `Infinity` keeps it until cleared. */
  times?: number;
}

/** Answer with the provider's own error envelope for this status (each fake knows its envelope). */
export interface StatusFault {
  status: number;
  /** Sent as `Retry-After` (seconds). */
  retryAfterSeconds?: number;
  /** Overrides the provider's default message for this status. */
  message?: string;
}

export type Fault =
  | StatusFault
  /** Google's quota answer: HTTP 403 with `errors[0].reason` (other fakes answer a plain 403). */
  | { kind: 'rate-limit-403'; reason?: 'userRateLimitExceeded' | 'rateLimitExceeded'; retryAfterSeconds?: number }
  /** Slack's way of failing: HTTP 200 with `{ ok: false, error }` (other fakes answer 400 with this message). */
  | { kind: 'platform-error'; error: string }
  /** Accept the request and never answer until the client gives up. `process: true` performs it first. */
  | { kind: 'timeout'; process?: boolean }
  /** Destroy the socket without doing anything. */
  | { kind: 'reset-before' }
  /** Do the work (create the object), then destroy the socket before answering: the crash-mid-call case. */
  | { kind: 'reset-after' }
  /** Do the work and send the status line and headers now, the body `ms` later. */
  | { kind: 'slow-body'; ms: number }
  /** Any literal answer, for shapes the other kinds do not cover. */
  | { kind: 'response'; status: number; body?: unknown; headers?: Record<string, string> };

/** Every fault kind resolved to what the server must do. */
export type FaultAction =
  | { type: 'error'; status: number; retryAfterSeconds?: number; message?: string; reason?: string; platformError?: string }
  | { type: 'literal'; status: number; body?: unknown; headers?: Record<string, string> }
  | { type: 'timeout'; process: boolean }
  | { type: 'reset-before' }
  | { type: 'reset-after' }
  | { type: 'slow-body'; ms: number };

export function toAction(fault: Fault): FaultAction {
  if ('status' in fault && !('kind' in fault)) {
    return { type: 'error', status: fault.status, retryAfterSeconds: fault.retryAfterSeconds, message: fault.message };
  }
  switch (fault.kind) {
    case 'rate-limit-403':
      return {
        type: 'error',
        status: 403,
        reason: fault.reason ?? 'userRateLimitExceeded',
        retryAfterSeconds: fault.retryAfterSeconds,
      };
    case 'platform-error':
      return { type: 'error', status: 200, platformError: fault.error };
    case 'timeout':
      return { type: 'timeout', process: fault.process === true };
    case 'reset-before':
      return { type: 'reset-before' };
    case 'reset-after':
      return { type: 'reset-after' };
    case 'slow-body':
      return { type: 'slow-body', ms: fault.ms };
    case 'response':
      return { type: 'literal', status: fault.status, body: fault.body, headers: fault.headers };
  }
}

export function describeFault(action: FaultAction): string {
  switch (action.type) {
    case 'error':
      return action.platformError ? `platform-error:${action.platformError}` : `status:${action.status}`;
    case 'literal':
      return `response:${action.status}`;
    case 'slow-body':
      return `slow-body:${action.ms}`;
    default:
      return action.type;
  }
}

interface QueuedFault {
  matcher: FaultMatcher;
  action: FaultAction;
  remaining: number;
}

/** A handle to a queued fault: how many uses are left, and a way to withdraw it. */
export interface FaultHandle {
  readonly remaining: number;
  cancel(): void;
}

export class FaultQueue {
  private queue: QueuedFault[] = [];

  add(matcher: FaultMatcher, fault: Fault): FaultHandle {
    const entry: QueuedFault = { matcher, action: toAction(fault), remaining: matcher.times ?? 1 };
    if (!(entry.remaining > 0)) throw new RangeError('fault times must be positive');
    this.queue.push(entry);
    const cancel = () => {
      this.queue = this.queue.filter((e) => e !== entry);
    };
    return {
      get remaining() {
        return entry.remaining;
      },
      cancel,
    };
  }

  /** Takes one use of the first matching fault, in the order they were queued. */
  take(method: string, path: string): FaultAction | undefined {
    const entry = this.queue.find((e) => matches(e.matcher, method, path));
    if (!entry) return undefined;
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.queue = this.queue.filter((e) => e !== entry);
    return entry.action;
  }

  pending(): number {
    return this.queue.length;
  }

  clear(): void {
    this.queue = [];
  }
}

function matches(m: FaultMatcher, method: string, path: string): boolean {
  if (m.method && m.method.toUpperCase() !== method.toUpperCase()) return false;
  if (m.path === undefined) return true;
  if (typeof m.path === 'string') return m.path === path;
  m.path.lastIndex = 0; // a /g RegExp keeps state between tests; matching must not depend on history
  return m.path.test(path);
}

/**
 * Soak-test noise: with probability `rate` a request is refused with a 503 or a 429 (Retry-After
 * `retryAfterSeconds`), half and half. Drawn from the fake's seeded generator so a failing soak replays.
 */
export function transientFault(rng: Rng, rate: number, retryAfterSeconds: number): FaultAction | undefined {
  if (!(rate > 0) || rng() >= rate) return undefined;
  return rng() < 0.5 ? { type: 'error', status: 503 } : { type: 'error', status: 429, retryAfterSeconds };
}
