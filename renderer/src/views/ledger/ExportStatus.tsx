import { CopyButton } from '../../components/CopyButton';
import { Problem } from '../../components/Problem';
import { formatBytes } from '../../format/dateRange';
import { client } from '../../keel';
import { useLedgerExport } from '../../state/ledgerExport';
import { OperationProgress } from './OperationProgress';

/** The export running (its progress, and Cancel), done (where the file is, its size and hash), cancelled or failed. */
export function ExportStatus() {
  const running = useLedgerExport((s) => s.running);
  const operationId = useLedgerExport((s) => s.operationId);
  const cancelling = useLedgerExport((s) => s.cancelling);
  const result = useLedgerExport((s) => s.result);
  const cancelled = useLedgerExport((s) => s.cancelled);
  const error = useLedgerExport((s) => s.error);
  const { dismiss, cancel } = useLedgerExport.getState();
  if (!running && !result && !error && !cancelled) return null;
  const state = running ? 'running' : result ? 'done' : cancelled ? 'cancelled' : 'failed';
  return (
    <section className="panel conn-card" aria-labelledby="export-status-title" data-testid="export-status" data-state={state}>
      <div className="card-head">
        <h2 id="export-status-title">Ledger export</h2>
        {!running && (
          <button type="button" className="btn btn-small" onClick={dismiss}>
            Dismiss
          </button>
        )}
      </div>
      <div role="status">
        {running && (
          <>
            <p>Writing the {running.format.toUpperCase()} file… You can keep working; the result will appear here.</p>
            {operationId && <OperationProgress operationId={operationId} label="Export in progress" cancelling={cancelling} onCancel={cancel} testId="export-progress" />}
          </>
        )}
        {result && (
          <div className="export-result">
            <p className="verdict verdict-ok">
              Exported {result.entries} {result.entries === 1 ? 'entry' : 'entries'} to {result.format.toUpperCase()}.
            </p>
            <dl className="kv">
              <dt>File</dt>
              <dd>
                <span className="url-cell">
                  <code className="mono" data-testid="export-file">
                    {result.file}
                  </code>
                  <CopyButton text={result.file} label="file location" />
                </span>
              </dd>
              <dt>Entries</dt>
              <dd data-testid="export-entries">{result.entries}</dd>
              <dt>Size</dt>
              <dd>{formatBytes(result.bytes)}</dd>
              <dt>SHA-256</dt>
              <dd className="hash" data-testid="export-sha256">
                {result.sha256}
              </dd>
            </dl>
            {client.shell === 'browser' && (
              <a className="btn btn-primary" href={`/api/exports/${encodeURIComponent(result.name)}`} download={result.name} data-testid="export-download">
                Download {result.name}
              </a>
            )}
          </div>
        )}
      </div>
      {cancelled && (
        <p className="muted" data-testid="export-cancelled">
          {cancelled}
        </p>
      )}
      {error && <Problem title="The export failed." error={error} />}
      {error && (
        <p className="muted small">
          Nothing was written. Check the filters and that the data folder has free space, then export again.
          {' '}
          <button type="button" className="btn btn-small" onClick={dismiss}>
            Start over
          </button>
        </p>
      )}
    </section>
  );
}
