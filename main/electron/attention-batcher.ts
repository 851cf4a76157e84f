/**
 * Runs that enter "needs attention" close together become one notification, not a burst: after the first
 * one, Keel waits a short window for others, then shows one notification per run, or a single grouped one
 * when many arrived together ("5 runs need attention"). A run that is resumed before the window closes is
 * dropped from it. Pure: time comes from a `Scheduler`.
 */
import type { RunSummary } from '../../preload/api';
import type { Scheduler } from './scheduler';

export interface AttentionBatchPolicy {
  /** How long after the first run of a batch the notification is shown; runs entering meanwhile join it. @default 3000 */
  windowMs: number;
  /** From this many runs in one batch, one grouped notification replaces one per run. @default 3 */
  groupFrom: number;
}

export const defaultAttentionBatchPolicy: AttentionBatchPolicy = { windowMs: 3000, groupFrom: 3 };

export type AttentionNotice = { kind: 'run'; run: RunSummary } | { kind: 'group'; runs: RunSummary[] };

export class AttentionBatcher {
  private readonly pending = new Map<string, RunSummary>();
  private cancelTimer: (() => void) | undefined;
  private closed = false;
  private readonly policy: AttentionBatchPolicy;

  /** `deliver` receives each closed batch; it is never called with an empty list. */
  constructor(
    private readonly deliver: (notices: AttentionNotice[]) => void,
    private readonly scheduler: Scheduler,
    policy: Partial<AttentionBatchPolicy> = {},
  ) {
    this.policy = { ...defaultAttentionBatchPolicy, ...policy };
    if (!(this.policy.windowMs >= 0) || !(this.policy.groupFrom >= 2)) {
      throw new Error(`invalid attention batch policy: ${JSON.stringify(this.policy)} (windowMs >= 0, groupFrom >= 2)`);
    }
  }

  /** A run has just entered needs_attention. The same run twice in one batch is notified once, as it is latest. */
  add(run: RunSummary): void {
    if (this.closed) return;
    this.pending.set(run.id, run);
    // The window is counted from the first run, not pushed back by each one, so a steady trickle still
    // produces a notification every `windowMs`.
    this.cancelTimer ??= this.scheduler.setTimeout(() => this.flush(), this.policy.windowMs);
  }

  /** The run left needs_attention before its notification was shown (someone resumed it): forget it. */
  withdraw(runId: string): void {
    this.pending.delete(runId);
    if (this.pending.size === 0) this.stopTimer();
  }

  /** Closes the current batch now. */
  flush(): void {
    this.stopTimer();
    if (this.pending.size === 0) return;
    const runs = [...this.pending.values()];
    this.pending.clear();
    this.deliver(runs.length >= this.policy.groupFrom ? [{ kind: 'group', runs }] : runs.map((run) => ({ kind: 'run', run })));
  }

  /** Drops the current batch without showing it and accepts no more (Keel is quitting). */
  dispose(): void {
    this.closed = true;
    this.stopTimer();
    this.pending.clear();
  }

  private stopTimer(): void {
    this.cancelTimer?.();
    this.cancelTimer = undefined;
  }
}
