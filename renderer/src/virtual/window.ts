/**
 * Windowing math for a list of fixed-height rows: which rows to render for a scroll position, and the space to
 * leave above and below them so the scrollbar stays true to the whole list.
 */
export interface WindowInput {
  count: number;
  rowHeight: number;
  scrollTop: number;
  viewportHeight: number;
  /** Rows rendered beyond each edge, so fast scrolling and arrow keys do not reveal blank space. */
  overscan: number;
}

export interface WindowRange {
  /** First row rendered (inclusive). */
  start: number;
  /** Row after the last rendered (exclusive). */
  end: number;
  padTop: number;
  padBottom: number;
}

export function visibleRange({ count, rowHeight, scrollTop, viewportHeight, overscan }: WindowInput): WindowRange {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0, padTop: 0, padBottom: 0 };
  const top = Math.max(0, scrollTop);
  const first = Math.min(count - 1, Math.floor(top / rowHeight));
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, first - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end, padTop: start * rowHeight, padBottom: (count - end) * rowHeight };
}

/** Where to scroll so row `index` is fully in view (unchanged when it already is). */
export function scrollToShow(index: number, rowHeight: number, scrollTop: number, viewportHeight: number, headerHeight = 0): number {
  const rowTop = index * rowHeight;
  const rowBottom = rowTop + rowHeight;
  if (rowTop < scrollTop) return rowTop;
  if (rowBottom > scrollTop + viewportHeight - headerHeight) return rowBottom - viewportHeight + headerHeight;
  return scrollTop;
}
