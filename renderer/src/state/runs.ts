/** The runs list: fetched per status filter, then kept current by `run.changed` events. */
import { create } from 'zustand';
import type { ConsoleError, RunSummary } from '../../../preload/api';
import { api } from '../keel';
import { matchesFilter, mergeFetched, upsertRun, type StatusFilter } from './runList';
import { noRefinement, type RunRefinement } from './runFilter';

/** How many runs the table asks for; the view says so when the list is cut there. */
export const RUN_LIMIT = 10_000;

interface RunsState {
  runs: RunSummary[];
  filter: StatusFilter;
  /** Workflow, client, text and dates: applied in the window to the loaded runs (see runFilter.ts). */
  refine: RunRefinement;
  loading: boolean;
  /** True once any list has loaded: the app counts as loaded from then on. */
  loadedOnce: boolean;
  error: ConsoleError | null;
  load(): Promise<void>;
  setFilter(filter: StatusFilter): void;
  setRefine(change: Partial<RunRefinement>): void;
  upsert(run: RunSummary): void;
}

/** The load in flight and the events seen since it was sent (see mergeFetched). */
let pending: { seen: Map<string, RunSummary> } | null = null;

export const useRuns = create<RunsState>()((set, get) => ({
  runs: [],
  filter: 'all',
  refine: noRefinement,
  loading: false,
  loadedOnce: false,
  error: null,

  async load() {
    const mine = { seen: new Map<string, RunSummary>() };
    pending = mine; // a newer load supersedes an older one: its snapshot is at least as fresh
    const filter = get().filter;
    set({ loading: true });
    const result = await api.listRuns(filter === 'all' ? { limit: RUN_LIMIT } : { status: filter, limit: RUN_LIMIT });
    if (pending !== mine) return;
    pending = null;
    if (!result.ok) {
      set({ loading: false, error: result.error });
      return;
    }
    set({
      runs: mergeFetched(result.value, [...mine.seen.values()], filter),
      loading: false,
      loadedOnce: true,
      error: null,
    });
  },

  setFilter(filter) {
    if (filter === get().filter) return;
    // Narrow at once from what we have, so the table reacts before the fetch answers.
    set((s) => ({ filter, runs: s.runs.filter((r) => matchesFilter(r, filter)) }));
    void get().load();
  },

  setRefine(change) {
    set((s) => ({ refine: { ...s.refine, ...change } }));
  },

  upsert(run) {
    if (pending) {
      const seen = pending.seen.get(run.id);
      if (!seen || seen.updatedAt <= run.updatedAt) pending.seen.set(run.id, run);
    }
    set((s) => {
      const runs = upsertRun(s.runs, run, s.filter);
      return runs === s.runs ? s : { runs };
    });
  },
}));
