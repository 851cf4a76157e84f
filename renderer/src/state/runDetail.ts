/**
 * The open run: its detail and its ledger entries, refetched whenever a `run.changed` event names it. Events
 * come in bursts (one per step transition), so refreshes are coalesced: at most one in flight and one queued.
 */
import { create } from 'zustand';
import type { ConsoleError, LedgerEntryView, RunDetail, RunSummary } from '../../../preload/api';
import { api } from '../keel';

/** The contract's maximum for listLedger. */
export const LEDGER_LIMIT = 1000;

interface RunDetailState {
  runId: string | null;
  detail: RunDetail | null;
  ledger: LedgerEntryView[] | null;
  loading: boolean;
  error: ConsoleError | null;
  ledgerError: ConsoleError | null;
  open(runId: string): void;
  close(): void;
  refresh(): Promise<void>;
  onRunChanged(run: RunSummary): void;
  /** An operator call answered with the run's new detail: show it now, then refetch steps and ledger. */
  applyDetail(detail: RunDetail): void;
}

let inFlight = false;
let queued = false;

export const useRunDetail = create<RunDetailState>()((set, get) => ({
  runId: null,
  detail: null,
  ledger: null,
  loading: false,
  error: null,
  ledgerError: null,

  open(runId) {
    if (get().runId === runId) return;
    set({ runId, detail: null, ledger: null, error: null, ledgerError: null });
    void get().refresh();
  },

  close() {
    set({ runId: null, detail: null, ledger: null, error: null, ledgerError: null, loading: false });
  },

  async refresh() {
    const runId = get().runId;
    if (!runId) return;
    if (inFlight) {
      queued = true;
      return;
    }
    inFlight = true;
    set({ loading: true });
    try {
      const [detail, ledger] = await Promise.all([api.getRun({ runId }), api.listLedger({ runId, limit: LEDGER_LIMIT })]);
      if (get().runId !== runId) return; // the user moved on to another run meanwhile
      set({
        loading: false,
        ...(detail.ok ? { detail: detail.value, error: null } : { error: detail.error }),
        ...(ledger.ok ? { ledger: ledger.value, ledgerError: null } : { ledgerError: ledger.error }),
      });
    } finally {
      inFlight = false;
      if (queued) {
        queued = false;
        void get().refresh();
      }
    }
  },

  applyDetail(detail) {
    if (detail.run.id !== get().runId) return;
    set({ detail, error: null });
    void get().refresh();
  },

  onRunChanged(run) {
    const { runId, detail } = get();
    if (run.id !== runId) return;
    // Show the new status at once; the steps follow with the refetch.
    if (detail && detail.run.updatedAt <= run.updatedAt) set({ detail: { ...detail, run } });
    void get().refresh();
  },
}));
