/**
 * A measuring hook for bench/scenarios/runs-list.ts, installed on `window.__keelBench` only when the page was
 * opened with `?bench`. It loads synthetic runs into the store the way a fetch does, changes filters the way
 * the filter inputs do, and times each from the change to the next painted frame.
 */
import type { RunSummary } from '../../../preload/api';
import type { RunRefinement } from '../state/runFilter';
import { mergeFetched } from '../state/runList';
import { useRuns } from '../state/runs';

/** Resolves after the next frame has been painted (a task queued from rAF runs after that frame's paint). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function rowsInDom(): number {
  return document.querySelectorAll('[data-testid="run-row"]').length;
}

export interface KeelBench {
  /** Replaces the runs with `rows` (sorted as a fetch result is); ms until painted, and rows in the DOM. */
  load(rows: RunSummary[]): Promise<{ ms: number; rowsInDom: number }>;
  refine(change: Partial<RunRefinement>): Promise<{ ms: number; shown: number; rowsInDom: number }>;
  scroll(top: number): Promise<{ ms: number; rowsInDom: number }>;
  /** Starts timing the next key typed into the page, from keydown to the painted frame; `keyTiming` reads it. */
  armKeyTiming(): void;
  keyTiming(): Promise<{ ms: number; shown: number }>;
}

declare global {
  interface Window {
    __keelBench?: KeelBench;
  }
}

function shownCount(): number {
  return Number(document.querySelector('[data-testid="runs-table"]')?.getAttribute('data-count') ?? 0);
}

export function installBenchHook(): void {
  let armed: Promise<{ ms: number; shown: number }> | null = null;
  // The synthetic runs stay put: a refetch (the event stream reconnecting) would replace them with the
  // server's few real ones halfway through a measurement.
  useRuns.setState({ load: () => Promise.resolve() });
  window.__keelBench = {
    async load(rows) {
      const t0 = performance.now();
      useRuns.setState({ runs: mergeFetched(rows, [], 'all'), loadedOnce: true, loading: false, error: null });
      await nextPaint();
      return { ms: performance.now() - t0, rowsInDom: rowsInDom() };
    },
    async refine(change) {
      const t0 = performance.now();
      useRuns.getState().setRefine(change);
      await nextPaint();
      return { ms: performance.now() - t0, shown: shownCount(), rowsInDom: rowsInDom() };
    },
    async scroll(top) {
      const scroller = document.querySelector<HTMLElement>('[data-testid="runs-scroller"]');
      const t0 = performance.now();
      if (scroller) scroller.scrollTop = top;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await nextPaint();
      return { ms: performance.now() - t0, rowsInDom: rowsInDom() };
    },
    armKeyTiming() {
      armed = new Promise((resolve) => {
        window.addEventListener(
          'keydown',
          (event) => {
            const t0 = event.timeStamp;
            // The input's change is rendered by React after this listener returns; wait for the frame after it.
            void nextPaint().then(() => resolve({ ms: performance.now() - t0, shown: shownCount() }));
          },
          { capture: true, once: true },
        );
      });
    },
    keyTiming() {
      return armed ?? Promise.reject(new Error('armKeyTiming was not called'));
    },
  };
}
