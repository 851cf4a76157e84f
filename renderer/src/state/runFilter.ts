/**
 * The runs list's own filters, applied in the window to the runs already loaded (the status filter is asked of
 * the server instead; see runs.ts). Pure, so it is tested without a DOM and measured in the benchmark.
 */
import type { RunSummary } from '../../../preload/api';

export interface RunRefinement {
  workflowId: string;
  /** Matched as a case-insensitive prefix of the client key (contract ids share a prefix by year). */
  clientKey: string;
  /** Case-insensitive, anywhere in the client key, run id or workflow name. */
  text: string;
  /** Created at or after, in ms; undefined = open. */
  from?: number;
  /** Created at or before, in ms; undefined = open. */
  to?: number;
}

export const noRefinement: RunRefinement = { workflowId: '', clientKey: '', text: '' };

export function isRefined(r: RunRefinement): boolean {
  return Boolean(r.workflowId || r.clientKey.trim() || r.text.trim() || r.from !== undefined || r.to !== undefined);
}

// Lower-cased search text per run snapshot, so typing does not rebuild 100,000 strings per key. A changed run
// is a new object (the store never mutates), so the cache never serves stale text.
const haystacks = new WeakMap<RunSummary, string>();
function haystack(run: RunSummary): string {
  let text = haystacks.get(run);
  if (text === undefined) {
    text = `${run.clientKey ?? ''}\u0000${run.id}\u0000${run.workflowName}`.toLowerCase();
    haystacks.set(run, text);
  }
  return text;
}

/** Keeps the order of `runs`; returns the same array when nothing filters, so nothing re-renders for nothing. */
export function refineRuns(runs: readonly RunSummary[], r: RunRefinement): readonly RunSummary[] {
  if (!isRefined(r)) return runs;
  const text = r.text.trim().toLowerCase();
  const client = r.clientKey.trim().toLowerCase();
  const { workflowId, from, to } = r;
  return runs.filter(
    (run) =>
      (!workflowId || run.workflowId === workflowId) &&
      (from === undefined || run.createdAt >= from) &&
      (to === undefined || run.createdAt <= to) &&
      (!client || (run.clientKey ?? '').toLowerCase().startsWith(client)) &&
      (!text || haystack(run).includes(text)),
  );
}

/** Workflows present in the loaded runs, by name, for the workflow filter's options. */
export function workflowsIn(runs: readonly RunSummary[]): { id: string; name: string }[] {
  const seen = new Map<string, string>();
  for (const run of runs) if (!seen.has(run.workflowId)) seen.set(run.workflowId, run.workflowName);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}
