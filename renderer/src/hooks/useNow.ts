/**
 * One shared one-second clock for live durations and "in 12 s" labels: a single interval however many running
 * rows are on screen, and none at all when nothing live is shown.
 */
import { useSyncExternalStore } from 'react';

const subscribers = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

function tick(): void {
  now = Date.now();
  for (const notify of [...subscribers]) notify();
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  if (!timer) {
    // The clock may have been idle for hours: refresh before the first second passes.
    now = Date.now();
    timer = setInterval(tick, 1_000);
  }
  return () => {
    subscribers.delete(notify);
    if (subscribers.size === 0) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

const idle = () => () => {};
const snapshot = () => now;

/** The current time, ticking every second while `live` is true. */
export function useNow(live = true): number {
  return useSyncExternalStore(live ? subscribe : idle, snapshot);
}
