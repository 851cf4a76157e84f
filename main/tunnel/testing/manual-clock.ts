/** A clock for tests: time moves only when the test says so, and timers fire in order as it passes. */
import type { TimerHandle, TunnelClock } from '../clock';

interface Timer {
  id: number;
  at: number;
  callback: () => void;
}

export class ManualClock implements TunnelClock {
  private time: number;
  private nextId = 1;
  private timers: Timer[] = [];

  constructor(start = 1_000_000, public randomValue: () => number = () => 0.5) {
    this.time = start;
  }

  now(): number {
    return this.time;
  }

  random(): number {
    return this.randomValue();
  }

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const timer = { id: this.nextId++, at: this.time + Math.max(0, ms), callback };
    this.timers.push(timer);
    return timer.id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== (handle as unknown as number));
  }

  /** Timers still waiting, soonest first, as delays from now. */
  pending(): number[] {
    return this.timers.map((t) => t.at - this.time).sort((a, b) => a - b);
  }

  /** Moves time forward, firing each timer that falls due (and letting promises settle after each). */
  async advance(ms: number): Promise<void> {
    const until = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = until;
    await settle();
  }
}

/** Lets queued promise callbacks run (a few rounds: chains of awaits take one each). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}
