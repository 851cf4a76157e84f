import { useEffect } from 'react';
import { appState } from '../state/appState';
import { useAppInfo } from '../state/resources';
import { useRuns } from '../state/runs';
import { useSession } from '../state/session';

/** Mirrors the app's readiness onto `#root[data-app-state]` (set to "loading" by index.html before React runs). */
export function useAppStateAttribute(): void {
  const state = appState({
    signedOut: useSession((s) => s.signedOut),
    infoLoaded: useAppInfo((s) => s.data !== undefined),
    infoFailed: useAppInfo((s) => s.error !== null),
    runsLoaded: useRuns((s) => s.loadedOnce),
    runsFailed: useRuns((s) => s.error !== null),
  });
  useEffect(() => {
    const root = document.getElementById('root');
    if (root) root.dataset.appState = state;
  }, [state]);
}
