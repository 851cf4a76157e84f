import { useDayRangeInputs } from '../useDayRangeInputs';
import { noLedgerFilters, useLedgerSearch, type LedgerFilters as Filters } from '../../state/ledgerSearch';
import { LEDGER_KINDS } from './kinds';

/** Search text, kind, client, run and dates, applied by Keel over the whole ledger; every change searches at once. */
export function LedgerFilters() {
  const filters = useLedgerSearch((s) => s.filters);
  const set = (change: Partial<Filters>) => void useLedgerSearch.getState().setFilters(change);
  const { from, to, problem, setDates } = useDayRangeInputs(filters, (range) => set(range));
  const refined = JSON.stringify({ ...filters }) !== JSON.stringify(noLedgerFilters);

  return (
    <div className="run-filters ledger-filters" role="search" aria-label="Search the ledger" data-testid="ledger-filters">
      <label className="field field-grow">
        <span>Search</span>
        <input className="input" type="search" value={filters.text} onChange={(e) => set({ text: e.target.value })}
          placeholder="any text: an email, a contract id, a step, an error" data-testid="ledger-search" />
      </label>
      <label className="field">
        <span>Kind</span>
        <select className="select" value={filters.kind} onChange={(e) => set({ kind: e.target.value })} data-testid="ledger-kind">
          <option value="">All kinds</option>
          {LEDGER_KINDS.map((k) => (
            <option key={k.kind} value={k.kind}>
              {k.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Client</span>
        <input className="input" value={filters.clientKey} onChange={(e) => set({ clientKey: e.target.value })} placeholder="C-2026-0042" data-testid="ledger-client" />
      </label>
      <label className="field">
        <span>Run ID</span>
        <input className="input mono" value={filters.runId} onChange={(e) => set({ runId: e.target.value })} data-testid="ledger-run" />
      </label>
      <label className="field">
        <span>From</span>
        <input className="input" type="date" value={from} onChange={(e) => setDates(e.target.value, to)} aria-invalid={problem ? true : undefined} data-testid="ledger-from" />
      </label>
      <label className="field">
        <span>to</span>
        <input className="input" type="date" value={to} onChange={(e) => setDates(from, e.target.value)} aria-invalid={problem ? true : undefined} data-testid="ledger-to" />
      </label>
      {refined && (
        <button type="button" className="btn" onClick={() => void useLedgerSearch.getState().setFilters(noLedgerFilters)} data-testid="ledger-clear-filters">
          Clear
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
