/**
 * The runs list: every run matching the filters as one slot each (see runList.ts), the pages in view fetched
 * from the server as the table scrolls, and `run.changed` events applied as they come. A filter change starts
 * a new list from its first page; answers to an older list are dropped.
 */
import { create } from 'zustand';
import type { ConsoleError, RunSummary } from '../../../preload/api';
import { api } from '../keel';
import { matchesQuery, noRefinement, runQuery, type RunRefinement, type StatusFilter } from './runFilter';
import { firstGap, firstPage, loadedRuns, offsetFor, placeAfter, placeAt, upsertRun, type Slot } from './runList';

/** Runs per page: a few screens of rows, so a scroll rarely outruns the fetch. */
export const RUN_PAGE = 200;

interface RunsState {
  /** One slot per matching run, in list order; a slot is undefined until its page is fetched. */
  rows: Slot[];
  /** The loaded runs, in order (for views that look a run up). */
  runs: RunSummary[];
  /** How many runs match, as the server counted them, kept current by live updates. */
  total: number;
  filter: StatusFilter;
  /** Workflow, client, text and dates, applied by the server (see runFilter.ts). */
  refine: RunRefinement;
  /** A list (its first page) is being fetched. */
  loading: boolean;
  /** Pages being fetched for slots in view. */
  fetching: number;
  /** True once any list has loaded: the app counts as loaded from then on. */
  loadedOnce: boolean;
  error: ConsoleError | null;
  /** Fetches the first page of the list under the current filters (and its count). */
  load(): Promise<void>;
  /** Makes sure the slots from `start` to `end` are loaded, fetching the pages they lack. */
  ensure(start: number, end: number): Promise<void>;
  setFilter(filter: StatusFilter): Promise<void>;
  setRefine(change: Partial<RunRefinement>): Promise<void>;
  upsert(run: RunSummary): void;
}

/** Bumped whenever a new list starts: answers for an older one are dropped. */
let generation = 0;
/** Runs that changed while the first page was in flight, replayed onto it (the page may predate them). */
let seenWhileLoading = new Map<string, RunSummary>();
const inFlight = new Set<string>();

export const useRuns = create<RunsState>()((set, get) => {
  const withRows = (rows: Slot[]) => ({ rows, runs: loadedRuns(rows), total: rows.length });

  return {
    rows: [],
    runs: [],
    total: 0,
    filter: 'all',
    refine: noRefinement,
    loading: false,
    fetching: 0,
    loadedOnce: false,
    error: null,

    async load() {
      const mine = ++generation;
      seenWhileLoading = new Map();
      inFlight.clear();
      const { filter, refine } = get();
      set({ loading: true, fetching: 0 });
      const result = await api.pageRuns({ ...runQuery(filter, refine), limit: RUN_PAGE });
      if (mine !== generation) return;
      if (!result.ok) {
        set({ loading: false, error: result.error });
        return;
      }
      let rows = firstPage(result.value.runs, result.value.total ?? result.value.runs.length);
      for (const run of seenWhileLoading.values()) rows = upsertRun(rows, run, matchesQuery(run, filter, refine));
      seenWhileLoading = new Map();
      set({ ...withRows(rows), loading: false, loadedOnce: true, error: null });
    },

    async ensure(start, end) {
      const mine = generation;
      const gap = firstGap(get().rows, start, end);
      if (!gap || get().loading) return;
      const offset = offsetFor(gap, RUN_PAGE);
      const key = gap.after ? `after:${gap.after.id}` : `at:${offset}`;
      if (inFlight.has(key)) return;
      inFlight.add(key);
      set((s) => ({ fetching: s.fetching + 1 }));
      const { filter, refine } = get();
      const query = runQuery(filter, refine);
      const result = gap.after
        ? await api.pageRuns({ ...query, after: { createdAt: gap.after.createdAt, id: gap.after.id }, limit: RUN_PAGE })
        : await api.pageRuns({ ...query, offset, limit: RUN_PAGE });
      inFlight.delete(key);
      if (mine !== generation) return;
      set((s) => ({ fetching: s.fetching - 1 }));
      if (!result.ok) {
        set({ error: result.error });
        return;
      }
      const { rows } = get();
      // The run the page follows may have moved since it was asked for: find it again.
      const at = gap.after ? rows.findIndex((r) => r?.id === gap.after!.id) + 1 : offset;
      if (gap.after && at === 0) return; // it left the list meanwhile; the next scroll asks again
      const next = gap.after
        ? placeAfter(rows, at, result.value.runs, result.value.more)
        : placeAt(rows, at, result.value.runs, result.value.total ?? rows.length);
      set({ ...withRows(next), error: null });
      // One page may not cover the whole range (a gap that began above it): keep going while pages make headway.
      const left = firstGap(next, start, end);
      if (left && (left.at !== gap.at || left.end !== gap.end)) await get().ensure(start, end);
    },

    setFilter(filter) {
      if (filter === get().filter) return Promise.resolve();
      set({ filter });
      return get().load();
    },

    setRefine(change) {
      set((s) => ({ refine: { ...s.refine, ...change } }));
      return get().load();
    },

    upsert(run) {
      if (get().loading) {
        const seen = seenWhileLoading.get(run.id);
        if (!seen || seen.updatedAt <= run.updatedAt) seenWhileLoading.set(run.id, run);
      }
      const { rows, filter, refine } = get();
      const next = upsertRun(rows, run, matchesQuery(run, filter, refine));
      if (next !== rows) set(withRows(next));
    },
  };
});
