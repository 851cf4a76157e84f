/**
 * Pure list logic for the runs table, kept apart from the store so it can be tested without a DOM.
 * Invariants: newest first (by creation, then id for a stable order), one entry per run id, only runs that
 * match the filter, and an older snapshot of a run never replaces a newer one (events and fetches race).
 */
import type { RunStatus, RunSummary } from '../../../preload/api';

export type StatusFilter = RunStatus | 'all';

export function matchesFilter(run: RunSummary, filter: StatusFilter): boolean {
  return filter === 'all' || run.status === filter;
}

/** Newest first; ties (same millisecond) broken by id so the order never flickers between renders. */
export function compareRuns(a: RunSummary, b: RunSummary): number {
  if (a.createdAt !== b.createdAt) return b.createdAt - a.createdAt;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/**
 * Inserts or replaces `run` in a sorted list. Returns the same array when nothing changes (a stale snapshot),
 * so zustand subscribers do not re-render for nothing.
 */
export function upsertRun(list: readonly RunSummary[], run: RunSummary, filter: StatusFilter): RunSummary[] {
  const index = list.findIndex((r) => r.id === run.id);
  const existing = index === -1 ? undefined : list[index];
  if (existing && existing.updatedAt > run.updatedAt) return list as RunSummary[];
  if (!existing && !matchesFilter(run, filter)) return list as RunSummary[];
  const rest = index === -1 ? [...list] : [...list.slice(0, index), ...list.slice(index + 1)];
  if (!matchesFilter(run, filter)) return rest; // it changed status and left the filtered view
  let at = rest.findIndex((r) => compareRuns(run, r) < 0);
  if (at === -1) at = rest.length;
  rest.splice(at, 0, run);
  return rest;
}

/**
 * A fetched page, plus the events that arrived while it was in flight: the fetch may have been answered from a
 * snapshot taken before them, so they are replayed on top (each one only wins when it is newer).
 */
export function mergeFetched(
  fetched: readonly RunSummary[],
  seenWhileLoading: readonly RunSummary[],
  filter: StatusFilter,
): RunSummary[] {
  let list = fetched.filter((r) => matchesFilter(r, filter)).sort(compareRuns);
  for (const run of seenWhileLoading) list = upsertRun(list, run, filter);
  return list;
}
