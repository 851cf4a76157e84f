/**
 * The ledger export in progress or done. It is one call, so the store holds it outside any dialog: the user
 * can keep working (even leave the page) while it runs, and the result stays until they start another.
 */
import { create } from 'zustand';
import type { CallInput, ConsoleError, LedgerExportView } from '../../../preload/api';
import { api } from '../keel';

export type ExportRequest = CallInput<'exportLedger'>;

interface ExportState {
  running: ExportRequest | null;
  result: LedgerExportView | null;
  error: ConsoleError | null;
  start(request: ExportRequest): void;
  dismiss(): void;
}

let latest = 0;

export const useLedgerExport = create<ExportState>()((set) => ({
  running: null,
  result: null,
  error: null,
  start(request) {
    const mine = ++latest;
    set({ running: request, result: null, error: null });
    void api.exportLedger(request).then((r) => {
      if (mine !== latest) return;
      set(r.ok ? { running: null, result: r.value } : { running: null, error: r.error });
    });
  },
  dismiss() {
    // A dismissed export that is still running is forgotten here; the file is still written and recorded.
    latest++;
    set({ running: null, result: null, error: null });
  },
}));
