import type { LedgerEntryView } from '../../../preload/api';
import { Timestamp } from '../components/Timestamp';
import { prettyJson } from '../format/json';
import { summarizeLedgerEntry } from '../format/ledgerSummary';
import { href } from '../router/route';

export interface LedgerTableProps {
  entries: LedgerEntryView[];
  /** `chain`: oldest first, as the chain runs (a run's story); `newest`: as given, newest first (a search). */
  order?: 'chain' | 'newest';
  /** Adds a column naming each entry's client and linking its run (for entries of many runs). */
  showRun?: boolean;
  caption?: string;
}

/** Ledger entries; each summary expands to the recorded payload. */
export function LedgerTable({ entries, order = 'chain', showRun = false, caption = 'Ledger entries for this run, in chain order' }: LedgerTableProps) {
  if (entries.length === 0) return <p className="muted">No ledger entries for this run yet.</p>;
  const ordered = order === 'chain' ? [...entries].sort((a, b) => a.seq - b.seq) : entries;
  return (
    <div className="table-wrap">
      <table className="data-table ledger-table" data-testid="ledger-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            {showRun && <th scope="col">Client / run</th>}
            <th scope="col">Summary</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((entry) => (
            <tr key={entry.seq} data-testid="ledger-row" data-seq={entry.seq} data-kind={entry.kind}>
              <td className="num mono">{entry.seq}</td>
              <td>
                <Timestamp ms={entry.at} />
              </td>
              <td>
                <code className="kind">{entry.kind}</code>
              </td>
              {showRun && (
                <td>
                  {entry.runId ? (
                    <a href={href({ name: 'run', runId: entry.runId })} title={entry.runId}>
                      {entry.clientKey ?? entry.runId.slice(0, 8)}
                    </a>
                  ) : (
                    (entry.clientKey ?? <span className="muted">—</span>)
                  )}
                </td>
              )}
              <td className="ledger-summary">
                <details>
                  <summary>{summarizeLedgerEntry(entry)}</summary>
                  <pre tabIndex={0} role="region" aria-label={`Payload of entry ${entry.seq}`}>
                    <code>{prettyJson(entry.payload)}</code>
                  </pre>
                </details>
              </td>
              <td>
                <code className="mono small" title={entry.hash}>
                  {entry.hash.slice(0, 12)}
                </code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
