/**
 * Following a long verify or export: the console picks the operation's id, sends it with the call, and polls
 * `getOperation` while the call runs, for a progress bar that moves and a Cancel that can reach it.
 */
import { useEffect, useState } from 'react';
import type { LongOperationView } from '../../../preload/api';
import { api } from '../keel';

/** How often progress is asked for: often enough to move smoothly, rarely enough to cost nothing. */
const POLL_MS = 300;

export function newOperationId(): string {
  return crypto.randomUUID();
}

/** The operation's progress while `operationId` is set (null before its first report). */
export function useOperationProgress(operationId: string | null): LongOperationView | null {
  const [view, setView] = useState<LongOperationView | null>(null);
  useEffect(() => {
    setView(null);
    if (!operationId) return;
    let live = true;
    const poll = async () => {
      const result = await api.getOperation({ operationId });
      if (live && result.ok && result.value) setView(result.value);
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [operationId]);
  return view;
}

export function cancelOperation(operationId: string): Promise<unknown> {
  return api.cancelOperation({ operationId });
}
