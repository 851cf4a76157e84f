/**
 * Runs that need a person. Refetched (coalesced) whenever an event says a run entered or may have left the
 * queue, so the nav badge and the view stay current without polling.
 */
import { create } from 'zustand';
import type { AttentionItem, ConsoleError, RunSummary } from '../../../preload/api';
import { api } from '../keel';

interface AttentionState {
  items: AttentionItem[] | null;
  error: ConsoleError | null;
  load(): Promise<void>;
  onRunChanged(run: RunSummary): void;
}

let timer: ReturnType<typeof setTimeout> | undefined;
let latest = 0;

export const useAttention = create<AttentionState>()((set, get) => ({
  items: null,
  error: null,
  async load() {
    const request = ++latest;
    const result = await api.listAttention({});
    if (request !== latest) return;
    if (result.ok) set({ items: result.value, error: null });
    else set({ error: result.error });
  },
  onRunChanged(run) {
    const listed = get().items?.some((i) => i.run.id === run.id) ?? false;
    if (run.status !== 'needs_attention' && !listed) return;
    // Events come in bursts (one per step transition): one refetch per burst is enough.
    clearTimeout(timer);
    timer = setTimeout(() => void get().load(), 150);
  },
}));
