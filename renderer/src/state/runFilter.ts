/**
 * The runs list's filters. The server applies them over every run (`pageRuns`); this module turns them into
 * that request, and judges a single run the same way for live updates (a run that changes while the list is
 * open joins or leaves it without a refetch). Pure, so it is tested without a DOM.
 */
import type { CallInput, RunStatus, RunSummary } from '../../../preload/api';

export type StatusFilter = RunStatus | 'all';

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

/** Every filter, the dates included, spelled out: merged over the current ones (`setRefine`), it clears them all. */
export const noRefinement: RunRefinement = { workflowId: '', clientKey: '', text: '', from: undefined, to: undefined };

export function isRefined(r: RunRefinement): boolean {
  return Boolean(r.workflowId || r.clientKey.trim() || r.text.trim() || r.from !== undefined || r.to !== undefined);
}

/** The filters as the contract takes them (empty ones left out, as the contract refuses empty text). */
export function runQuery(status: StatusFilter, r: RunRefinement): Omit<CallInput<'pageRuns'>, 'after' | 'offset' | 'limit'> {
  const client = r.clientKey.trim();
  const text = r.text.trim();
  return {
    ...(status !== 'all' && { status }),
    ...(r.workflowId && { workflowId: r.workflowId }),
    ...(client && { clientKey: client }),
    ...(text && { text }),
    ...(r.from !== undefined && { from: r.from }),
    ...(r.to !== undefined && { to: r.to }),
  };
}

/** Whether the server would list `run` under these filters (SQL LIKE ignores ASCII case, as this does). */
export function matchesQuery(run: RunSummary, status: StatusFilter, r: RunRefinement): boolean {
  const text = r.text.trim().toLowerCase();
  const client = r.clientKey.trim().toLowerCase();
  return (
    (status === 'all' || run.status === status) &&
    (!r.workflowId || run.workflowId === r.workflowId) &&
    (r.from === undefined || run.createdAt >= r.from) &&
    (r.to === undefined || run.createdAt <= r.to) &&
    (!client || (run.clientKey ?? '').toLowerCase().startsWith(client)) &&
    (!text || `${run.clientKey ?? ''}\u0000${run.id}\u0000${run.workflowName}`.toLowerCase().includes(text))
  );
}
