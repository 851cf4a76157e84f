/**
 * The ledger view's search: filters applied by Keel over the whole ledger (`searchLedger`), results newest first,
 * older pages appended as the user scrolls. A text search reads a bounded stretch of the ledger per call, so a
 * page can come back short with more still to search; `searchedBackTo` says how far it has got.
 */
import { create } from 'zustand';
import type { CallInput, ConsoleError, LedgerEntryView } from '../../../preload/api';
import { api } from '../keel';

export interface LedgerFilters {
  text: string;
  /** One kind, or '' for all. */
  kind: string;
  clientKey: string;
  runId: string;
  from?: number;
  to?: number;
}

/** Every filter, the dates included, spelled out: merged over the current ones (`setFilters`), it clears them all. */
export const noLedgerFilters: LedgerFilters = { text: '', kind: '', clientKey: '', runId: '', from: undefined, to: undefined };

/** Entries per page: a few screens, small enough that payloads do not make a page heavy. */
export const LEDGER_PAGE = 100;

/** The filters as the contract takes them: empty ones left out, text trimmed. */
export function ledgerQuery(f: LedgerFilters): Omit<CallInput<'searchLedger'>, 'cursor' | 'limit'> {
  const text = f.text.trim();
  const client = f.clientKey.trim();
  const run = f.runId.trim();
  return {
    ...(text && { text }),
    ...(f.kind && { kinds: [f.kind] }),
    ...(client && { clientKey: client }),
    ...(run && { runId: run }),
    ...(f.from !== undefined && { from: f.from }),
    ...(f.to !== undefined && { to: f.to }),
  };
}

interface LedgerSearchState {
  filters: LedgerFilters;
  entries: LedgerEntryView[] | null;
  /** Where the next (older) page starts; null when the search has reached the ledger's beginning. */
  cursor: string | null;
  searchedBackTo: number | null;
  loading: boolean;
  error: ConsoleError | null;
  setFilters(change: Partial<LedgerFilters>): Promise<void>;
  /** The newest page under the current filters. */
  search(): Promise<void>;
  /** The next, older page (no-op while one is on its way or at the end). */
  more(): Promise<void>;
}

let generation = 0;

export const useLedgerSearch = create<LedgerSearchState>()((set, get) => ({
  filters: noLedgerFilters,
  entries: null,
  cursor: null,
  searchedBackTo: null,
  loading: false,
  error: null,

  setFilters(change) {
    set((s) => ({ filters: { ...s.filters, ...change } }));
    return get().search();
  },

  async search() {
    const mine = ++generation;
    set({ loading: true, error: null });
    const result = await api.searchLedger({ ...ledgerQuery(get().filters), limit: LEDGER_PAGE });
    if (mine !== generation) return;
    if (!result.ok) set({ loading: false, error: result.error });
    else set({ loading: false, entries: result.value.entries, cursor: result.value.nextCursor, searchedBackTo: result.value.searchedBackTo });
  },

  async more() {
    const { cursor, loading, entries } = get();
    if (!cursor || loading || !entries) return;
    const mine = generation;
    set({ loading: true, error: null });
    const result = await api.searchLedger({ ...ledgerQuery(get().filters), cursor, limit: LEDGER_PAGE });
    if (mine !== generation) return;
    if (!result.ok) set({ loading: false, error: result.error });
    else {
      set((s) => ({
        loading: false,
        entries: [...(s.entries ?? []), ...result.value.entries],
        cursor: result.value.nextCursor,
        searchedBackTo: result.value.searchedBackTo,
      }));
    }
  },
}));
