/**
 * "Verify chain": one call that walks the whole ledger in slices, followed and cancellable like an export. Held
 * in a store so the verdict stays while the user looks elsewhere.
 */
import { create } from 'zustand';
import type { ConsoleError, LedgerVerdict } from '../../../preload/api';
import { api } from '../keel';
import { cancelOperation, newOperationId } from './longOperation';

interface VerifyState {
  operationId: string | null;
  cancelling: boolean;
  verdict: LedgerVerdict | null;
  cancelled: string | null;
  error: ConsoleError | null;
  start(): Promise<void>;
  cancel(): void;
}

export const useLedgerVerify = create<VerifyState>()((set, get) => ({
  operationId: null,
  cancelling: false,
  verdict: null,
  cancelled: null,
  error: null,
  async start() {
    if (get().operationId) return;
    const operationId = newOperationId();
    set({ operationId, cancelling: false, verdict: null, cancelled: null, error: null });
    const result = await api.verifyLedger({ operationId });
    const done = { operationId: null, cancelling: false };
    if (result.ok) set({ ...done, verdict: result.value });
    else if (get().cancelling && result.error.code === 'conflict') set({ ...done, cancelled: result.error.message });
    else set({ ...done, error: result.error });
  },
  cancel() {
    const { operationId } = get();
    if (!operationId) return;
    set({ cancelling: true });
    void cancelOperation(operationId);
  },
}));
