/**
 * The value of `data-app-state` on #root, which e2e tests wait on: "loaded" once app info and the first runs
 * list are in; it stays "loaded" after later, transient errors.
 */
export type AppState = 'loading' | 'loaded' | 'error' | 'signed-out';

export function appState(s: {
  signedOut: boolean;
  infoLoaded: boolean;
  infoFailed: boolean;
  runsLoaded: boolean;
  runsFailed: boolean;
}): AppState {
  if (s.signedOut) return 'signed-out';
  if (s.infoLoaded && s.runsLoaded) return 'loaded';
  if (s.infoFailed || s.runsFailed) return 'error';
  return 'loading';
}
