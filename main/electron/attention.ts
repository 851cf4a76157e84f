/**
 * Which runs need attention right now, kept from the console's `run.changed` events: the count the tray
 * shows, and the moment a run *enters* needs_attention, which is what gets a notification. A run that was
 * already waiting when Keel started, or that changes again while still waiting, is not news.
 */
import type { ConsoleEventName, ConsoleEvents, RunSummary } from '../../preload/api';
import type { AttentionBatcher } from './attention-batcher';

export interface ConsoleEventsLike {
  subscribe(listener: <E extends ConsoleEventName>(event: E, payload: ConsoleEvents[E]) => void): () => void;
}

export class AttentionMonitor {
  private readonly waiting = new Set<string>();

  constructor(
    private readonly batcher: Pick<AttentionBatcher, 'add' | 'withdraw'>,
    private readonly onCount: (count: number) => void,
  ) {}

  get count(): number {
    return this.waiting.size;
  }

  /** The runs that already needed attention at start: counted, not notified. */
  seed(runs: Iterable<Pick<RunSummary, 'id' | 'status'>>): void {
    for (const run of runs) if (run.status === 'needs_attention') this.waiting.add(run.id);
    this.onCount(this.count);
  }

  observe(run: RunSummary): void {
    const was = this.waiting.has(run.id);
    const is = run.status === 'needs_attention';
    if (was === is) return;
    if (is) {
      this.waiting.add(run.id);
      this.batcher.add(run);
    } else {
      this.waiting.delete(run.id);
      this.batcher.withdraw(run.id);
    }
    this.onCount(this.count);
  }

  /** Follows `run.changed`; returns the unsubscribe function. */
  follow(events: ConsoleEventsLike): () => void {
    return events.subscribe((event, payload) => {
      if (event === 'run.changed') this.observe(payload as RunSummary);
    });
  }
}
