import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { statusLabel } from '../format/status';
import { href } from '../router/route';
import { RUN_LIMIT, useRuns } from '../state/runs';
import { RunStatusFilter } from './RunStatusFilter';
import { RunsTable } from './RunsTable';

export function RunsView() {
  const runs = useRuns((s) => s.runs);
  const filter = useRuns((s) => s.filter);
  const loading = useRuns((s) => s.loading);
  const loadedOnce = useRuns((s) => s.loadedOnce);
  const error = useRuns((s) => s.error);
  const { load, setFilter } = useRuns.getState();

  return (
    <section className="page" aria-labelledby="runs-title">
      <div className="page-head">
        <h1 id="runs-title" tabIndex={-1}>
          Runs
        </h1>
        <RunStatusFilter value={filter} onChange={setFilter} />
      </div>
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
      {runs.length > 0 && <RunsTable runs={runs} busy={loading} />}
      {runs.length >= RUN_LIMIT && <p className="muted note">Showing the newest {RUN_LIMIT} runs.</p>}
    </section>
  );
}
