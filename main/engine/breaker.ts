/**
 * A circuit breaker per connector. After `failureThreshold` retryable failures in a row it opens: steps for
 * that connector wait (spending no attempts) until `probeAt`, when a single probe goes through (half-open).
 * The probe's success closes it; its failure opens it again. The state is a row, so a restart remembers an
 * outage, and each change is recorded in the ledger.
 */
import type Database from 'better-sqlite3';
import type { Ledger } from '../ledger/ledger';

export interface BreakerSettings {
  /** Retryable failures in a row that open the breaker. @default 5 */
  failureThreshold: number;
  /** How long it stays open before one probe may go. @default 30000 */
  openMs: number;
}

export const defaultBreakerSettings: BreakerSettings = { failureThreshold: 5, openMs: 30_000 };

export interface BreakerState {
  state: 'closed' | 'open' | 'half_open';
  consecutiveFailures: number;
  openedAt: number | null;
  probeAt: number | null;
}

export const CLOSED: BreakerState = { state: 'closed', consecutiveFailures: 0, openedAt: null, probeAt: null };

export type Admission = { admit: true; probe: boolean } | { admit: false; until: number };

// ------------------------------------------------------------------------------------------------------------
// The state machine: pure functions of (state, now).

export function admit(s: BreakerState, now: number, probeInFlight: boolean): Admission {
  if (s.state === 'closed') return { admit: true, probe: false };
  if (s.state === 'open' && now < (s.probeAt ?? 0)) return { admit: false, until: s.probeAt! };
  // Open and due, or half-open: one probe at a time.
  return probeInFlight ? { admit: false, until: now + 1_000 } : { admit: true, probe: true };
}

export function afterSuccess(_s: BreakerState): BreakerState {
  return CLOSED;
}

export function afterFailure(s: BreakerState, now: number, settings: BreakerSettings): BreakerState {
  const failures = s.consecutiveFailures + 1;
  if (s.state !== 'closed' || failures >= settings.failureThreshold) {
    return { state: 'open', consecutiveFailures: failures, openedAt: s.state === 'open' || s.state === 'half_open' ? (s.openedAt ?? now) : now, probeAt: now + settings.openMs };
  }
  return { ...s, consecutiveFailures: failures };
}

// ------------------------------------------------------------------------------------------------------------
// The board: every connector's breaker, cached in memory, written through to SQLite.

export class BreakerBoard {
  private readonly states = new Map<string, BreakerState>();
  private readonly probes = new Set<string>();

  constructor(
    private readonly sqlite: Database.Database,
    private readonly ledger: Ledger,
    private readonly settings: (connector: string) => BreakerSettings = () => defaultBreakerSettings,
  ) {
    const rows = sqlite.prepare(`SELECT connector, state, consecutive_failures AS consecutiveFailures, opened_at AS openedAt,
      probe_at AS probeAt FROM breakers`).all() as (BreakerState & { connector: string })[];
    for (const { connector, ...state } of rows) this.states.set(connector, state);
  }

  state(connector: string): BreakerState {
    return this.states.get(connector) ?? CLOSED;
  }

  /** Whether an attempt for `connector` may start now; a probe is remembered until it settles. */
  admit(connector: string, now: number): Admission {
    const decision = admit(this.state(connector), now, this.probes.has(connector));
    if (decision.admit && decision.probe) this.probes.add(connector);
    return decision;
  }

  /** Records an attempt's outcome. Call inside the attempt's transaction. */
  record(connector: string, outcome: 'success' | 'retryable_failure' | 'other', now: number): void {
    this.probes.delete(connector);
    if (outcome === 'other') return;
    const before = this.state(connector);
    const after = outcome === 'success' ? afterSuccess(before) : afterFailure(before, now, this.settings(connector));
    if (sameState(before, after)) return;
    this.states.set(connector, after);
    this.sqlite
      .prepare(`INSERT INTO breakers (connector, state, consecutive_failures, opened_at, probe_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (connector) DO UPDATE SET state = excluded.state, consecutive_failures = excluded.consecutive_failures,
        opened_at = excluded.opened_at, probe_at = excluded.probe_at, updated_at = excluded.updated_at`)
      .run(connector, after.state, after.consecutiveFailures, after.openedAt, after.probeAt, now);
    if (before.state !== after.state || after.state === 'open') {
      this.ledger.append({ kind: 'breaker.changed', at: now, connector, payload: { from: before.state, to: after.state, consecutiveFailures: after.consecutiveFailures, probeAt: after.probeAt } });
    }
  }
}

function sameState(a: BreakerState, b: BreakerState): boolean {
  return a.state === b.state && a.consecutiveFailures === b.consecutiveFailures && a.probeAt === b.probeAt;
}
