/**
 * Time, as the shell's timing logic sees it: notification batching and the quit deadline take a `Scheduler`
 * so their tests drive a fake clock instead of sleeping.
 */
export interface Scheduler {
  now(): number;
  /** Calls `fn` once after `ms`; returns the function that cancels it (a no-op once it has run). */
  setTimeout(fn: () => void, ms: number): () => void;
}

export const systemScheduler: Scheduler = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
