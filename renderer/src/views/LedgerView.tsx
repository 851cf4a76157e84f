import { useEffect, useState } from 'react';
import type { ConsoleError, LedgerEntryView, LedgerVerdict } from '../../../preload/api';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { api } from '../keel';
import { LedgerTable } from './LedgerTable';
import { ExportDialog } from './ledger/ExportDialog';
import { ExportStatus } from './ledger/ExportStatus';
import { useLedgerExport } from '../state/ledgerExport';

const LIMIT = 500;

/** The ledger: recent entries, with a search over what they say, and a check of the whole hash chain. */
export function LedgerView() {
  const [entries, setEntries] = useState<LedgerEntryView[] | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [query, setQuery] = useState('');
  const [verdict, setVerdict] = useState<LedgerVerdict | null>(null);
  const [verifyError, setVerifyError] = useState<ConsoleError | null>(null);
  const [verifying, setVerifying] = useState(false);
  const [exporting, setExporting] = useState(false);
  const exportRunning = useLedgerExport((s) => s.running !== null);
  const load = () =>
    void api.listLedger({ limit: LIMIT }).then((r) => {
      if (r.ok) {
        setEntries(r.value);
        setError(null);
      } else setError(r.error);
    });
  useEffect(load, []);

  async function verify() {
    setVerifying(true);
    setVerdict(null);
    setVerifyError(null);
    const result = await api.verifyLedger({});
    setVerifying(false);
    if (result.ok) setVerdict(result.value);
    else setVerifyError(result.error);
  }

  const q = query.trim().toLowerCase();
  const shown = entries && q ? entries.filter((e) => `${e.kind} ${e.clientKey ?? ''} ${e.stepId ?? ''} ${e.connector ?? ''} ${JSON.stringify(e.payload)}`.toLowerCase().includes(q)) : entries;

  return (
    <section className="page" aria-labelledby="ledger-page-title" data-testid="ledger-view">
      <div className="page-head">
        <h1 id="ledger-page-title" tabIndex={-1}>
          Ledger
        </h1>
        <div className="card-actions">
        <button type="button" className="btn" onClick={() => setExporting(true)} disabled={exportRunning} data-testid="export-ledger">
          {exportRunning ? 'Exporting…' : 'Export…'}
        </button>
        <button type="button" className="btn btn-primary" onClick={() => void verify()} disabled={verifying} aria-busy={verifying} data-testid="verify-ledger">
          {verifying ? 'Verifying…' : 'Verify chain'}
        </button>
        </div>
      </div>
      <p className="lede">Every delivery, request, response, state change and operator action, append-only and chained by SHA-256. Verifying recomputes every hash from the first entry.</p>
      <ExportStatus />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      <div role="status" data-testid="ledger-verdict" data-intact={verdict ? String(verdict.intact) : ''}>
        {verifying && <Loading>Walking the chain…</Loading>}
        {verdict?.intact && (
          <p className="verdict verdict-ok">
            The chain is intact: {verdict.checked} entries checked, head hash <code className="mono small">{verdict.headHash.slice(0, 16)}…</code>
          </p>
        )}
        {verdict && !verdict.intact && (
          <p className="verdict verdict-bad">
            The chain is broken at entry {verdict.firstBadSeq} ({verdict.checked} checked): {verdict.reason}. Keep this data folder as evidence and export the ledger
            before changing anything.
          </p>
        )}
      </div>
      {verifyError && <Problem title="The chain could not be verified." error={verifyError} onRetry={() => void verify()} />}
      <label className="field field-inline" style={{ margin: '12px 0' }}>
        <span>Search</span>
        <input className="input" type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder="kind, client, step, connector or payload text" data-testid="ledger-search" />
      </label>
      {error && <Problem title="The ledger could not be loaded." error={error} onRetry={load} />}
      {!entries && !error && <Loading>Loading ledger entries…</Loading>}
      {shown && (q && shown.length === 0 ? <p className="muted">No entry matches “{query}”.</p> : <LedgerTable entries={shown} />)}
      {entries && entries.length >= LIMIT && <p className="muted note">Showing the newest {LIMIT} entries.</p>}
    </section>
  );
}
