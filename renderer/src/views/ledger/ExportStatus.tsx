import { CopyButton } from '../../components/CopyButton';
import { Problem } from '../../components/Problem';
import { formatBytes } from '../../format/dateRange';
import { client } from '../../keel';
import { useLedgerExport } from '../../state/ledgerExport';

/** The export running (an indeterminate bar: it is one call) or done: where the file is, its size and hash. */
export function ExportStatus() {
  const running = useLedgerExport((s) => s.running);
  const result = useLedgerExport((s) => s.result);
  const error = useLedgerExport((s) => s.error);
  const { dismiss } = useLedgerExport.getState();
  if (!running && !result && !error) return null;
  return (
    <section className="panel conn-card" aria-labelledby="export-status-title" data-testid="export-status" data-state={running ? 'running' : result ? 'done' : 'failed'}>
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
            <div className="progress-indeterminate" role="progressbar" aria-label="Export in progress" data-testid="export-progress" />
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
