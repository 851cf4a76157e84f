/**
 * The ledger export in progress or done. It is one call, so the store holds it outside any dialog: the user
 * can keep working (even leave the page) while it runs, follow its progress, cancel it, and the result stays
 * until they start another.
 */
import { create } from 'zustand';
import type { CallInput, ConsoleError, LedgerExportView } from '../../../preload/api';
import { api } from '../keel';
import { cancelOperation, newOperationId } from './longOperation';

export type ExportRequest = Omit<CallInput<'exportLedger'>, 'operationId'>;

interface ExportState {
  running: ExportRequest | null;
  /** The running export's operation id, for its progress and its cancel. */
  operationId: string | null;
  /** The user asked to cancel; the export stops between chunks. */
  cancelling: boolean;
  result: LedgerExportView | null;
  /** It stopped because the user cancelled it: the words the server gave (what was removed, what was recorded). */
  cancelled: string | null;
  error: ConsoleError | null;
  start(request: ExportRequest): void;
  cancel(): void;
  dismiss(): void;
}

let latest = 0;

export const useLedgerExport = create<ExportState>()((set, get) => ({
  running: null,
  operationId: null,
  cancelling: false,
  result: null,
  cancelled: null,
  error: null,
  start(request) {
    const mine = ++latest;
    const operationId = newOperationId();
    set({ running: request, operationId, cancelling: false, result: null, cancelled: null, error: null });
    void api.exportLedger({ ...request, operationId }).then((r) => {
      if (mine !== latest) return;
      const done = { running: null, operationId: null, cancelling: false };
      if (r.ok) set({ ...done, result: r.value });
      // Asked to stop and stopped: not a failure, and the message says what happened to the file.
      else if (get().cancelling && r.error.code === 'conflict') set({ ...done, cancelled: r.error.message });
      else set({ ...done, error: r.error });
    });
  },
  cancel() {
    const { operationId } = get();
    if (!operationId) return;
    set({ cancelling: true });
    void cancelOperation(operationId);
  },
  dismiss() {
    // A dismissed export that is still running is forgotten here; the file is still written and recorded.
    latest++;
    set({ running: null, operationId: null, cancelling: false, result: null, cancelled: null, error: null });
  },
}));
