/**
 * The renderer's hash routes that the shell opens (from a notification or the tray). They mirror
 * `renderer/src/router/route.ts`, which the shell may not import: a route is part of what a user can
 * bookmark, so both sides spell it the same way.
 */

/** The runs list. */
export const RUNS_ROUTE = '#/runs';

/** One run's page. */
export function runRoute(runId: string): string {
  return `#/runs/${encodeURIComponent(runId)}`;
}
