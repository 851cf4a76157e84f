import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Slot } from '../state/runList';
import { scrollToShow, visibleRange } from '../virtual/window';
import { RunRow, RunRowPending } from './RunRow';

/** Every row is this tall (CSS: .virtual-scroll td height), which is what lets the window be computed. */
export const RUN_ROW_HEIGHT = 56;
const OVERSCAN = 8;

/**
 * The runs as a windowed table: only the rows in view (plus a margin) are in the DOM, with spacer rows keeping
 * the scrollbar true to the whole list, so 100,000 runs scroll like 100. Rows whose page is not loaded yet show
 * as pending, and `onRange` asks for the rows in view whenever they change. Up/Down arrows move between rows'
 * links, scrolling the next one into view first when it is not rendered yet.
 */
export function RunsTable({ runs, busy, onRange }: { runs: readonly Slot[]; busy: boolean; onRange: (start: number, end: number) => void }) {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(800);
  const pendingFocus = useRef<string | null>(null);

  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    setViewport(el.clientHeight);
    const observer = new ResizeObserver(() => setViewport(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A filter that shrinks the list below the scroll position: the browser clamps scrollTop; follow it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el) setScrollTop(el.scrollTop);
  }, [runs.length]);

  useLayoutEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const link = scroller.current?.querySelector<HTMLAnchorElement>(`tr[data-run-id="${CSS.escape(id)}"] a.row-link`);
    if (link) {
      pendingFocus.current = null;
      link.focus({ preventScroll: true });
    }
  });

  const onScroll = useCallback(() => setScrollTop(scroller.current?.scrollTop ?? 0), []);
  const range = visibleRange({ count: runs.length, rowHeight: RUN_ROW_HEIGHT, scrollTop, viewportHeight: viewport, overscan: OVERSCAN });
  // Runs as the list changes too: a page placed may leave a gap in view that the next page fills.
  useEffect(() => onRange(range.start, range.end), [onRange, range.start, range.end, runs]);

  function moveBetweenRows(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (document.activeElement as HTMLElement | null)?.closest<HTMLTableRowElement>('tr[data-run-id]');
    const at = row ? runs.findIndex((r) => r?.id === row.dataset.runId) : -1;
    if (at === -1) return;
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    const target = runs[next];
    if (!target) return; // not loaded yet (or past the end): the key waits for the page
    event.preventDefault();
    const el = scroller.current!;
    const header = el.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    const top = scrollToShow(next, RUN_ROW_HEIGHT, Math.max(0, el.scrollTop - header), el.clientHeight, header);
    pendingFocus.current = target.id;
    if (top !== el.scrollTop) {
      el.scrollTop = top;
      setScrollTop(top);
    } else setScrollTop(el.scrollTop);
  }

  return (
    <div className="table-wrap virtual-scroll" ref={scroller} onScroll={onScroll} data-testid="runs-scroller">
      <table className="data-table" data-testid="runs-table" aria-busy={busy} aria-rowcount={runs.length + 1} data-count={runs.length}
        data-loaded={pendingInView(runs, range.start, range.end) ? 'false' : 'true'}>
        <caption className="visually-hidden">Runs, newest first. Open a run from its client link; arrow keys move between runs.</caption>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col">Status</th>
            <th scope="col">Client</th>
            <th scope="col">Workflow</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">
              Duration
            </th>
            <th scope="col" className="num">
              Steps done
            </th>
            <th scope="col" className="num">
              Attempts
            </th>
          </tr>
        </thead>
        <tbody onKeyDown={moveBetweenRows}>
          {/* The spacers' height is on the row: the stylesheet sets their cells' height to auto. */}
          {range.padTop > 0 && (
            <tr className="virtual-spacer" aria-hidden="true" style={{ height: range.padTop }}>
              <td colSpan={7} />
            </tr>
          )}
          {Array.from({ length: range.end - range.start }, (_, i) => {
            const run = runs[range.start + i];
            const rowIndex = range.start + i + 2;
            return run ? <RunRow key={run.id} run={run} rowIndex={rowIndex} /> : <RunRowPending key={`pending-${rowIndex}`} rowIndex={rowIndex} />;
          })}
          {range.padBottom > 0 && (
            <tr className="virtual-spacer" aria-hidden="true" style={{ height: range.padBottom }}>
              <td colSpan={7} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}

/** Whether a row in view is still waiting for its page (a loop: `every` would skip a sparse list's gaps). */
function pendingInView(runs: readonly Slot[], start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (runs[i] === undefined) return true;
  return false;
}
