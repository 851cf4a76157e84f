/**
 * Pausing the webhook intake, as an operator action: who paused it and why go into the ledger with the change,
 * the state is kept in the settings table so a restart does not silently start taking deliveries again, and
 * every change is announced (the console's banner, the tray). The listener reads `paused` through the
 * `IntakeGate` port (main/intake/intake-gate.ts) and answers 503 + Retry-After meanwhile.
 */
import type Database from 'better-sqlite3';
import type { Actor, IntakeStateView } from '../../preload/api';
import { PAUSED_RETRY_AFTER_SECONDS, type IntakeGate } from '../intake/intake-gate';
import type { Ledger } from '../ledger/ledger';
import { SettingsStore } from './settings-store';

const SETTINGS_KEY = 'intake.pause';

interface Pause {
  since: number;
  who: string;
  why: string;
}

export class IntakePause implements IntakeGate {
  private readonly store: SettingsStore;
  private current: Pause | null;

  constructor(
    private readonly o: {
      sqlite: Database.Database;
      ledger: Ledger;
      /** Called after each change has been committed; must not throw. */
      onChange: (view: IntakeStateView) => void;
      now?: () => number;
    },
  ) {
    this.store = new SettingsStore(o.sqlite);
    this.current = saved(this.store.get<unknown>(SETTINGS_KEY));
  }

  get paused(): boolean {
    return this.current !== null;
  }

  view(): IntakeStateView {
    const p = this.current;
    return { paused: p !== null, since: p?.since ?? null, who: p?.who ?? null, why: p?.why ?? null, retryAfterSeconds: PAUSED_RETRY_AFTER_SECONDS };
  }

  /** Pauses the intake. Already paused: nothing changes and nothing is recorded (the first pause still stands). */
  pause(actor: Actor): IntakeStateView {
    if (this.current) return this.view();
    this.change({ since: (this.o.now ?? Date.now)(), who: actor.who, why: actor.why }, actor);
    return this.view();
  }

  /** Resumes taking deliveries. Not paused: nothing changes and nothing is recorded. */
  resume(actor: Actor): IntakeStateView {
    if (!this.current) return this.view();
    this.change(null, actor);
    return this.view();
  }

  private change(next: Pause | null, actor: Actor): void {
    const before = this.view();
    const at = next?.since ?? (this.o.now ?? Date.now)();
    // The saved state and its ledger entry commit together: the ledger never says paused while Keel is not.
    this.o.sqlite.transaction(() => {
      this.store.set(SETTINGS_KEY, next);
      this.o.ledger.append({
        kind: 'operator.action', at,
        payload: {
          action: next ? 'intake.paused' : 'intake.resumed', who: actor.who, why: actor.why,
          before: { paused: before.paused, since: before.since }, after: { paused: next !== null, retryAfterSeconds: PAUSED_RETRY_AFTER_SECONDS },
        },
      });
    })();
    this.current = next;
    this.o.onChange(this.view());
  }
}

/** The pause as saved by an earlier start; anything unreadable counts as paused, since the operator meant to stop intake. */
function saved(value: unknown): Pause | null {
  if (value === undefined || value === null) return null;
  const v = value as Partial<Pause>;
  return {
    since: typeof v.since === 'number' ? v.since : 0,
    who: typeof v.who === 'string' ? v.who : 'unknown',
    why: typeof v.why === 'string' ? v.why : 'the saved pause could not be read in full',
  };
}
