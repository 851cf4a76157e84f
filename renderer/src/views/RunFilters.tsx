import { WorkflowFilterSelect } from '../components/WorkflowFilterSelect';
import { useRuns } from '../state/runs';
import { isRefined, noRefinement, type RunRefinement } from '../state/runFilter';
import { useDayRangeInputs } from './useDayRangeInputs';

/** Workflow, client, free text and date range, applied by Keel over every run; every change applies at once. */
export function RunFilters() {
  const refine = useRuns((s) => s.refine);
  const setRefine = (change: Partial<RunRefinement>) => void useRuns.getState().setRefine(change);
  const dates = useDayRangeInputs(refine, (range) => setRefine(range));
  const { from, to, problem, setDates } = dates;

  function clear() {
    dates.clear();
    setRefine(noRefinement);
  }

  return (
    <div className="run-filters" role="search" aria-label="Filter runs" data-testid="run-filters">
      <label className="field">
        <span>Search</span>
        <input
          className="input"
          type="search"
          value={refine.text}
          onChange={(e) => setRefine({ text: e.target.value })}
          placeholder="client, run id or workflow"
          data-testid="runs-search"
        />
      </label>
      <label className="field">
        <span>Workflow</span>
        <WorkflowFilterSelect value={refine.workflowId} onChange={(workflowId) => setRefine({ workflowId })} testId="runs-workflow" />
      </label>
      <label className="field">
        <span>Client starts with</span>
        <input className="input" value={refine.clientKey} onChange={(e) => setRefine({ clientKey: e.target.value })} placeholder="C-2026-" data-testid="runs-client" />
      </label>
      <label className="field">
        <span>Started from</span>
        <input className="input" type="date" value={from} onChange={(e) => setDates(e.target.value, to)} aria-invalid={problem ? true : undefined} data-testid="runs-from" />
      </label>
      <label className="field">
        <span>to</span>
        <input className="input" type="date" value={to} onChange={(e) => setDates(from, e.target.value)} aria-invalid={problem ? true : undefined} data-testid="runs-to" />
      </label>
      {isRefined(refine) && (
        <button type="button" className="btn" onClick={clear} data-testid="runs-clear-filters">
          Clear filters
        </button>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
