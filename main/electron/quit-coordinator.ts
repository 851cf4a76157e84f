/**
 * Quitting drains Keel before the process ends: the first quit request is held back (`before-quit` is
 * prevented) while the drain runs (intake closed first, in-flight attempts finished or recorded as interrupted,
 * the database closed), then the app is asked to quit again and this time it may. Every request made while
 * draining is held back too and starts nothing: there is one drain, never two racing over a closing database.
 *
 * A drain that hangs (a connector ignoring its abort signal) must not keep Keel from quitting forever: after
 * `deadlineMs` the app quits anyway. Nothing is lost by that: SQLite's WAL survives an unclean exit, and the
 * engine recovers attempts left in flight at the next start.
 */
import type { Scheduler } from './scheduler';

export type QuitPhase = 'running' | 'draining' | 'drained';

export interface QuitOptions {
  /** Stops Keel gracefully (`keel.stop()`, after whatever the shell tears down first). */
  drain(): Promise<void>;
  /** Asks the app to quit again once drained (`app.quit()`); this time `requestQuit` answers true. */
  quit(): void;
  scheduler: Scheduler;
  /** How long the drain may take before Keel quits without it. @default 20000 */
  deadlineMs?: number;
  /** Called once, when the drain starts (the tray says "Quitting…"). */
  onDrainStart?(): void;
  /** A drain that failed or ran out of time; Keel quits regardless. */
  onProblem?(message: string, error?: unknown): void;
}

export class QuitCoordinator {
  private current: QuitPhase = 'running';
  private drained: Promise<void> | undefined;

  constructor(private readonly o: QuitOptions) {}

  get phase(): QuitPhase {
    return this.current;
  }

  /**
   * For `before-quit`: true when the app may quit now; false when the caller must prevent this quit (the
   * drain is running and quits the app itself when it is done).
   */
  requestQuit(): boolean {
    if (this.current === 'drained') return true;
    if (this.current === 'running') {
      this.current = 'draining';
      this.drained = this.drainThenQuit();
    }
    return false;
  }

  /** Settles when the drain has finished and the second quit was asked for (undefined before any request). */
  get done(): Promise<void> | undefined {
    return this.drained;
  }

  private async drainThenQuit(): Promise<void> {
    const deadlineMs = this.o.deadlineMs ?? 20_000;
    let cancelDeadline = () => {};
    const deadline = new Promise<'deadline'>((resolve) => {
      cancelDeadline = this.o.scheduler.setTimeout(() => resolve('deadline'), deadlineMs);
    });
    try {
      this.o.onDrainStart?.();
      const outcome = await Promise.race([this.o.drain().then(() => 'drained' as const), deadline]);
      if (outcome === 'deadline') {
        this.o.onProblem?.(`Keel did not finish draining within ${deadlineMs} ms and quit anyway; work still in flight is recovered at the next start.`);
      }
    } catch (error) {
      this.o.onProblem?.('Keel could not drain cleanly and quit anyway; work still in flight is recovered at the next start.', error);
    } finally {
      cancelDeadline();
    }
    this.current = 'drained';
    this.o.quit();
  }
}
