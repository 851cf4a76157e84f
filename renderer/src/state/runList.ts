/**
 * The runs list as the console holds it: one slot per run matching the filters, in the server's order (newest
 * first, ties by id), each slot the run or `undefined` while its page has not been fetched. The list is as long
 * as the server's count, so the table's scrollbar is true to every run while only the pages looked at are
 * loaded. Pure, so it is tested without a DOM.
 *
 * Pages are fetched after the run before a gap (a keyset cursor: exact however the list moved meanwhile) or,
 * after a jump into a long gap, at an offset; placing one mends the gap it fills. Live updates place a run among
 * the loaded ones when its neighbours are known, and otherwise only grow the gap it falls in.
 */
import type { RunSummary } from '../../../preload/api';

export type Slot = RunSummary | undefined;

/** Newest first; ties (same millisecond) broken by id, descending, as the server orders them. */
export function compareRuns(a: RunSummary, b: RunSummary): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

export interface Gap {
  /** The first unloaded slot at or after the range's start. */
  at: number;
  /** The slot after the gap (the next loaded one, or the list's end). */
  end: number;
  /** The loaded run just before the gap, when there is one: a page after it fills the gap exactly. */
  after: RunSummary | null;
}

/** The first gap in slots `from` to `to` (exclusive); null when they are all loaded. */
export function firstGap(rows: readonly Slot[], from: number, to: number): Gap | null {
  for (let i = Math.max(0, from); i < Math.min(to, rows.length); i++) {
    if (rows[i] !== undefined) continue;
    let end = i + 1;
    while (end < rows.length && rows[end] === undefined) end++;
    return { at: i, end, after: i > 0 ? (rows[i - 1] ?? null) : null };
  }
  return null;
}

/**
 * Where an offset page for a gap with no loaded run before it should start: at the gap, or, when the gap ends
 * within a page (the user scrolls up towards loaded runs), a page before its end, so one fetch closes it.
 */
export function offsetFor(gap: Gap, page: number): number {
  return Math.max(0, Math.min(gap.at, gap.end - page));
}

/** A list of `total` slots with the first page in place. */
export function firstPage(runs: readonly RunSummary[], total: number): Slot[] {
  const rows: Slot[] = runs.slice(0, total);
  rows.length = Math.max(total, runs.length);
  return rows;
}

/**
 * Places a page fetched after `rows[at - 1]` (a keyset page: these are exactly the runs that follow it). Gaps
 * are filled; a run already known further down means the gap was shorter than counted, so the rest of it closes;
 * more runs than the gap holds push the runs below down. With `more` false the list ends after the page.
 */
export function placeAfter(rows: readonly Slot[], at: number, page: readonly RunSummary[], more: boolean): Slot[] {
  const known = new Map<string, number>();
  rows.forEach((r, i) => r && i >= at && known.set(r.id, i));
  const out: Slot[] = rows.slice(0, at);
  let next = at;
  for (const run of page) {
    const seen = known.get(run.id);
    if (seen !== undefined && seen >= next) {
      // Runs between were left behind by the server's order (they left the list): only gaps or stale ones.
      next = seen + 1;
    } else if (next < rows.length && rows[next] === undefined) {
      next++;
    }
    out.push(run);
  }
  if (!more) return out;
  for (let i = next; i < rows.length; i++) out.push(rows[i]);
  return out;
}

/**
 * Places a page fetched at an offset (a jump into a gap): its runs take their slots, and the list takes the
 * server's count. A run also held in another slot (the list moved since) leaves that slot as a gap.
 */
export function placeAt(rows: readonly Slot[], at: number, page: readonly RunSummary[], total: number): Slot[] {
  const out: Slot[] = rows.slice(0, total);
  out.length = total;
  const ids = new Set(page.map((r) => r.id));
  out.forEach((r, i) => {
    if (r && ids.has(r.id)) out[i] = undefined;
  });
  page.forEach((run, i) => {
    if (at + i < total) out[at + i] = run;
  });
  return out;
}

/**
 * A run that changed (a live event). `matches` says whether it belongs in the list under its filters. Returns
 * the same array when nothing changes, so subscribers do not re-render for nothing.
 */
export function upsertRun(rows: readonly Slot[], run: RunSummary, matches: boolean): Slot[] {
  const index = rows.findIndex((r) => r?.id === run.id);
  if (index !== -1) {
    const held = rows[index]!;
    if (held.updatedAt > run.updatedAt) return rows as Slot[]; // an older snapshot: events and fetches race
    const out = [...rows];
    if (matches) out[index] = run;
    else out.splice(index, 1);
    return out;
  }
  if (!matches) return rows as Slot[];
  // Its place: before the first loaded run it precedes. Known only when the slot before that one is known too.
  let before = rows.length;
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i];
    if (r && compareRuns(run, r) < 0) {
      before = i;
      break;
    }
  }
  const out = [...rows];
  const placeable = before === 0 || out[before - 1] !== undefined;
  out.splice(before, 0, placeable ? run : undefined);
  return out;
}

/** The loaded runs, in order, for views that look a run up among them. */
export function loadedRuns(rows: readonly Slot[]): RunSummary[] {
  return rows.filter((r): r is RunSummary => r !== undefined);
}
