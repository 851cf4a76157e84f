/** Console events fan out from the core to every shell's subscribers (IPC windows, SSE streams). */
import type { ConsoleEventName, ConsoleEvents } from '../../preload/api';

export type ConsoleEventListener = <E extends ConsoleEventName>(event: E, payload: ConsoleEvents[E]) => void;

export class ConsoleEventHub {
  private readonly listeners = new Set<ConsoleEventListener>();

  /** True while anyone listens (a window, an SSE stream): with no one, events need not even be computed. */
  get listening(): boolean {
    return this.listeners.size > 0;
  }

  subscribe(listener: ConsoleEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends ConsoleEventName>(event: E, payload: ConsoleEvents[E]): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch {
        // One broken subscriber (a closed window) must not starve the others.
      }
    }
  }
}

/**
 * Collapses bursts of changes to the same key into one notification per interval: a run that changes ten
 * times in a few milliseconds is sent to the console once, in its latest state.
 */
export class Coalescer {
  private readonly pending = new Set<string>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly flush: (keys: string[]) => void,
    private readonly intervalMs = 50,
  ) {}

  add(key: string): void {
    this.pending.add(key);
    this.timer ??= setTimeout(() => this.drain(), this.intervalMs);
  }

  drain(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending.size) return;
    const keys = [...this.pending];
    this.pending.clear();
    this.flush(keys);
  }
}
