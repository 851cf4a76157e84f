import { useEffect, useState } from 'react';
import { Problem } from '../components/Problem';
import { useLedgerExport } from '../state/ledgerExport';
import { useLedgerSearch } from '../state/ledgerSearch';
import { useLedgerVerify } from '../state/ledgerVerify';
import { ExportDialog } from './ledger/ExportDialog';
import { ExportStatus } from './ledger/ExportStatus';
import { LedgerFilters } from './ledger/LedgerFilters';
import { LedgerResults } from './ledger/LedgerResults';
import { OperationProgress } from './ledger/OperationProgress';

/** The ledger: a search over every entry, a check of the whole hash chain, and exports. */
export function LedgerView() {
  const [exporting, setExporting] = useState(false);
  const exportRunning = useLedgerExport((s) => s.running !== null);
  const verifyId = useLedgerVerify((s) => s.operationId);
  const verdict = useLedgerVerify((s) => s.verdict);
  const verifyCancelled = useLedgerVerify((s) => s.cancelled);
  const verifyCancelling = useLedgerVerify((s) => s.cancelling);
  const verifyError = useLedgerVerify((s) => s.error);
  const verify = useLedgerVerify.getState();
  // Each visit shows the ledger as it is now, under the filters last used.
  useEffect(() => void useLedgerSearch.getState().search(), []);

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
          <button type="button" className="btn btn-primary" onClick={() => void verify.start()} disabled={verifyId !== null} aria-busy={verifyId !== null} data-testid="verify-ledger">
            {verifyId ? 'Verifying…' : 'Verify chain'}
          </button>
        </div>
      </div>
      <p className="lede">Every delivery, request, response, state change and operator action, append-only and chained by SHA-256. Verifying recomputes every hash from the first entry.</p>
      <ExportStatus />
      {exporting && <ExportDialog onClose={() => setExporting(false)} />}
      <div role="status" data-testid="ledger-verdict" data-intact={verdict ? String(verdict.intact) : ''} data-state={verifyId ? 'running' : verifyCancelled ? 'cancelled' : verdict ? 'done' : ''}>
        {verifyId && (
          <>
            <p>Walking the chain…</p>
            <OperationProgress operationId={verifyId} label="Verifying the chain" cancelling={verifyCancelling} onCancel={verify.cancel} testId="verify-progress" />
          </>
        )}
        {verifyCancelled && <p className="muted">{verifyCancelled}</p>}
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
      {verifyError && <Problem title="The chain could not be verified." error={verifyError} onRetry={() => void verify.start()} />}
      <LedgerFilters />
      <LedgerResults />
    </section>
  );
}
