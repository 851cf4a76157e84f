import { useMemo } from 'react';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { statusLabel } from '../format/status';
import { href } from '../router/route';
import { isRefined, noRefinement, refineRuns } from '../state/runFilter';
import { RUN_LIMIT, useRuns } from '../state/runs';
import { RunFilters } from './RunFilters';
import { RunStatusFilter } from './RunStatusFilter';
import { RunsTable } from './RunsTable';

export function RunsView() {
  const runs = useRuns((s) => s.runs);
  const filter = useRuns((s) => s.filter);
  const refine = useRuns((s) => s.refine);
  const loading = useRuns((s) => s.loading);
  const loadedOnce = useRuns((s) => s.loadedOnce);
  const error = useRuns((s) => s.error);
  const { load, setFilter, setRefine } = useRuns.getState();
  const shown = useMemo(() => refineRuns(runs, refine), [runs, refine]);
  const refined = isRefined(refine);

  return (
    <section className="page" aria-labelledby="runs-title">
      <div className="page-head">
        <h1 id="runs-title" tabIndex={-1}>
          Runs
        </h1>
        <RunStatusFilter value={filter} onChange={setFilter} />
      </div>
      {runs.length > 0 && <RunFilters runs={runs} />}
      {error && <Problem title="The runs could not be loaded." error={error} onRetry={() => void load()} />}
      {!loadedOnce && !error && <Loading>Loading runs…</Loading>}
      {loadedOnce && runs.length === 0 && (
        filter === 'all' ? (
          <EmptyState title="No runs yet.">
            Send a sample contract, or point a provider at your endpoint (see <a href={href({ name: 'endpoints' })}>Endpoints</a>).
          </EmptyState>
        ) : loading ? (
          <Loading>Loading runs…</Loading>
        ) : (
          <EmptyState title={`No runs with status “${statusLabel(filter)}”.`}>
            <button type="button" className="btn" onClick={() => setFilter('all')}>
              Show all runs
            </button>
          </EmptyState>
        )
      )}
      {runs.length > 0 && (
        <p className="run-count" role="status" data-testid="runs-count">
          {refined ? `${shown.length.toLocaleString()} of ${runs.length.toLocaleString()} runs match.` : `${runs.length.toLocaleString()} runs.`}
          {runs.length >= RUN_LIMIT && ` Only the newest ${RUN_LIMIT.toLocaleString()} are loaded; narrow by status to see older ones.`}
        </p>
      )}
      {runs.length > 0 && refined && shown.length === 0 && (
        <EmptyState title="No run matches these filters.">
          <button type="button" className="btn" onClick={() => setRefine(noRefinement)}>
            Clear filters
          </button>
        </EmptyState>
      )}
      {shown.length > 0 && <RunsTable runs={shown} busy={loading} />}
    </section>
  );
}
