import { useEffect, useRef } from 'react';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { Timestamp } from '../../components/Timestamp';
import { useLedgerSearch } from '../../state/ledgerSearch';
import { LedgerTable } from '../LedgerTable';

/**
 * The entries found, newest first; older pages load as the end of the list comes into view (or from the button,
 * for keyboards). A text search that came back short keeps reading back through the ledger while the end is in
 * view, and says how far back it has searched.
 */
export function LedgerResults() {
  const entries = useLedgerSearch((s) => s.entries);
  const cursor = useLedgerSearch((s) => s.cursor);
  const searchedBackTo = useLedgerSearch((s) => s.searchedBackTo);
  const loading = useLedgerSearch((s) => s.loading);
  const error = useLedgerSearch((s) => s.error);
  const filters = useLedgerSearch((s) => s.filters);
  const end = useRef<HTMLDivElement>(null);
  const { more, search } = useLedgerSearch.getState();

  useEffect(() => {
    const el = end.current;
    if (!el) return;
    const observer = new IntersectionObserver(([entry]) => {
      if (entry?.isIntersecting) void useLedgerSearch.getState().more();
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A page that did not push the end out of view (a short text-search page): read on. Measured now, after
  // layout, rather than taken from the observer, whose last report may predate the page.
  useEffect(() => {
    const rect = end.current?.getBoundingClientRect();
    if (!loading && cursor && rect && rect.top < window.innerHeight) void more();
  }, [loading, cursor, entries, more]);

  const searching = Boolean(filters.text.trim());
  return (
    <>
      {error && <Problem title="The ledger could not be searched." error={error} onRetry={() => void (entries ? more() : search())} />}
      {!entries && !error && <Loading>Loading ledger entries…</Loading>}
      {entries && entries.length === 0 && !cursor && !loading && <p className="muted" data-testid="ledger-no-match">No entry matches these filters.</p>}
      {entries && entries.length > 0 && (
        <LedgerTable entries={entries} order="newest" showRun caption="Ledger entries matching the filters, newest first" />
      )}
      <div ref={end} className="list-end" data-testid="ledger-end">
        {entries && (
          <p className="muted small" role="status" data-testid="ledger-status" data-more={cursor ? 'true' : 'false'}>
            {loading && (searching && searchedBackTo !== null ? <>Searching older entries (back to <Timestamp ms={searchedBackTo} />)…</> : 'Loading older entries…')}
            {!loading && !cursor && entries.length > 0 && `${entries.length.toLocaleString()} ${entries.length === 1 ? 'entry' : 'entries'}: that is every match.`}
            {!loading && cursor && (
              <>
                {entries.length.toLocaleString()} shown{searching && searchedBackTo !== null && <>, searched back to <Timestamp ms={searchedBackTo} /></>}.{' '}
                <button type="button" className="btn btn-small" onClick={() => void more()} data-testid="ledger-more">
                  {searching ? 'Search older entries' : 'Load older entries'}
                </button>
              </>
            )}
          </p>
        )}
      </div>
    </>
  );
}
