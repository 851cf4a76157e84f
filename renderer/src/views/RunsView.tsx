import { useCallback } from 'react';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { statusLabel } from '../format/status';
import { href } from '../router/route';
import { isRefined, noRefinement } from '../state/runFilter';
import { RUN_PAGE, useRuns } from '../state/runs';
import { RunFilters } from './RunFilters';
import { RunStatusFilter } from './RunStatusFilter';
import { RunsTable } from './RunsTable';

/** Rows fetched beyond the window's edge, so scrolling on rarely meets a pending row. */
const PREFETCH = RUN_PAGE / 4;

export function RunsView() {
  const rows = useRuns((s) => s.rows);
  const total = useRuns((s) => s.total);
  const filter = useRuns((s) => s.filter);
  const refine = useRuns((s) => s.refine);
  const loading = useRuns((s) => s.loading);
  const fetching = useRuns((s) => s.fetching);
  const loadedOnce = useRuns((s) => s.loadedOnce);
  const error = useRuns((s) => s.error);
  const { load, setFilter, setRefine } = useRuns.getState();
  const refined = isRefined(refine);
  const narrowed = refined || filter !== 'all';
  const onRange = useCallback((start: number, end: number) => void useRuns.getState().ensure(start, end + PREFETCH), []);
  // A new list (other filters) starts at its top.
  const listKey = JSON.stringify([filter, refine]);

  return (
    <section className="page" aria-labelledby="runs-title">
      <div className="page-head">
        <h1 id="runs-title" tabIndex={-1}>
          Runs
        </h1>
        <RunStatusFilter value={filter} onChange={(f) => void setFilter(f)} />
      </div>
      {(loadedOnce && (total > 0 || narrowed)) && <RunFilters />}
      {error && <Problem title="The runs could not be loaded." error={error} onRetry={() => void load()} />}
      {!loadedOnce && !error && <Loading>Loading runs…</Loading>}
      {loadedOnce && (
        <p className="run-count" role="status" data-testid="runs-count" data-total={total} aria-busy={loading}>
          {loading ? 'Finding runs…' : narrowed ? `${total.toLocaleString()} ${total === 1 ? 'run matches' : 'runs match'}.` : `${total.toLocaleString()} ${total === 1 ? 'run' : 'runs'}.`}
        </p>
      )}
      {loadedOnce && !loading && total === 0 && (
        !narrowed ? (
          <EmptyState title="No runs yet.">
            Send a sample contract, or point a provider at your endpoint (see <a href={href({ name: 'endpoints' })}>Endpoints</a>).
          </EmptyState>
        ) : refined || filter === 'all' ? (
          <EmptyState title="No run matches these filters.">
            <button type="button" className="btn" onClick={() => void setRefine(noRefinement)}>
              Clear filters
            </button>
          </EmptyState>
        ) : (
          <EmptyState title={`No runs with status “${statusLabel(filter)}”.`}>
            <button type="button" className="btn" onClick={() => void setFilter('all')}>
              Show all runs
            </button>
          </EmptyState>
        )
      )}
      {total > 0 && <RunsTable key={listKey} runs={rows} busy={loading || fetching > 0} onRange={onRange} />}
    </section>
  );
}
