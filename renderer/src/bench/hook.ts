/**
 * A measuring hook for bench/scenarios/runs-list.ts, installed on `window.__keelBench` only when the page was
 * opened with `?bench`. It loads the runs list the way the view does (a page from the server), changes filters
 * the way the filter inputs do (each one a server query), scrolls the way a person does, and times each from the
 * change to the painted frame that shows its result.
 */
import type { RunRefinement } from '../state/runFilter';
import { useRuns } from '../state/runs';

/** Resolves after the next frame has been painted (a task queued from rAF runs after that frame's paint). */
function nextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

function rowsInDom(): number {
  return document.querySelectorAll('[data-testid="run-row"]').length;
}

/** Resolves once the rows in view are all loaded (their pages answered), then waits for that frame's paint. */
async function rowsFilled(): Promise<void> {
  for (;;) {
    const table = document.querySelector('[data-testid="runs-table"]');
    if (!table || table.getAttribute('data-loaded') === 'true') break;
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await nextPaint();
}

export interface KeelBench {
  /** Fetches the list's first page (and count) as on opening it; ms until painted, and rows in the DOM. */
  load(): Promise<{ ms: number; rowsInDom: number; total: number }>;
  /** A filter change: ms until the matching runs are painted; `shown` is how many match. */
  refine(change: Partial<RunRefinement>): Promise<{ ms: number; shown: number; rowsInDom: number }>;
  /** A jump of the scrollbar: ms to the first painted frame (rows pending), and to the frame with the rows filled. */
  scroll(top: number): Promise<{ ms: number; filledMs: number; rowsInDom: number }>;
  /** Starts timing the next key typed into the page, from keydown to the painted result; `keyTiming` reads it. */
  armKeyTiming(): void;
  keyTiming(): Promise<{ ms: number; shown: number }>;
}

declare global {
  interface Window {
    __keelBench?: KeelBench;
  }
}

export function installBenchHook(): void {
  let armed: Promise<{ ms: number; shown: number }> | null = null;
  window.__keelBench = {
    async load() {
      const t0 = performance.now();
      await useRuns.getState().load();
      await nextPaint();
      return { ms: performance.now() - t0, rowsInDom: rowsInDom(), total: useRuns.getState().total };
    },
    async refine(change) {
      const t0 = performance.now();
      await useRuns.getState().setRefine(change);
      await nextPaint();
      return { ms: performance.now() - t0, shown: useRuns.getState().total, rowsInDom: rowsInDom() };
    },
    async scroll(top) {
      const scroller = document.querySelector<HTMLElement>('[data-testid="runs-scroller"]');
      const t0 = performance.now();
      if (scroller) scroller.scrollTop = top;
      await new Promise((resolve) => requestAnimationFrame(resolve));
      await nextPaint();
      const ms = performance.now() - t0;
      await rowsFilled();
      return { ms, filledMs: performance.now() - t0, rowsInDom: rowsInDom() };
    },
    armKeyTiming() {
      armed = new Promise((resolve) => {
        window.addEventListener(
          'keydown',
          (event) => {
            const t0 = event.timeStamp;
            // React renders the input's change after this listener returns, and the query goes out then:
            // wait for its answer, then for the frame that paints it.
            void (async () => {
              await nextPaint();
              while (useRuns.getState().loading) await new Promise((r) => setTimeout(r, 1));
              await nextPaint();
              resolve({ ms: performance.now() - t0, shown: useRuns.getState().total });
            })();
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
