import { useCallback, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { RunSummary } from '../../../preload/api';
import { scrollToShow, visibleRange } from '../virtual/window';
import { RunRow } from './RunRow';

/** Every row is this tall (CSS: .virtual-scroll td height), which is what lets the window be computed. */
export const RUN_ROW_HEIGHT = 56;
const OVERSCAN = 8;

/**
 * The runs as a windowed table: only the rows in view (plus a margin) are in the DOM, with spacer rows keeping
 * the scrollbar true to the whole list, so 100,000 runs scroll and filter like 100. Up/Down arrows move
 * between rows' links, scrolling the next one into view first when it is not rendered yet.
 */
export function RunsTable({ runs, busy }: { runs: readonly RunSummary[]; busy: boolean }) {
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

  function moveBetweenRows(event: KeyboardEvent<HTMLTableSectionElement>) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const row = (document.activeElement as HTMLElement | null)?.closest<HTMLTableRowElement>('tr[data-run-id]');
    const at = row ? runs.findIndex((r) => r.id === row.dataset.runId) : -1;
    if (at === -1) return;
    const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
    const target = runs[next];
    if (!target) return;
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
      <table className="data-table" data-testid="runs-table" aria-busy={busy} aria-rowcount={runs.length + 1} data-count={runs.length}>
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
          {range.padTop > 0 && (
            <tr className="virtual-spacer" aria-hidden="true">
              <td colSpan={7} style={{ height: range.padTop }} />
            </tr>
          )}
          {runs.slice(range.start, range.end).map((run, i) => (
            <RunRow key={run.id} run={run} rowIndex={range.start + i + 2} />
          ))}
          {range.padBottom > 0 && (
            <tr className="virtual-spacer" aria-hidden="true">
              <td colSpan={7} style={{ height: range.padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
