import type { LedgerEntryView } from '../../../preload/api';
import { Timestamp } from '../components/Timestamp';
import { prettyJson } from '../format/json';
import { summarizeLedgerEntry } from '../format/ledgerSummary';

/** The run's ledger entries in chain order; each summary expands to the recorded payload. */
export function LedgerTable({ entries }: { entries: LedgerEntryView[] }) {
  if (entries.length === 0) return <p className="muted">No ledger entries for this run yet.</p>;
  const ordered = [...entries].sort((a, b) => a.seq - b.seq);
  return (
    <div className="table-wrap">
      <table className="data-table ledger-table" data-testid="ledger-table">
        <caption className="visually-hidden">Ledger entries for this run, in chain order</caption>
        <thead>
          <tr>
            <th scope="col" className="num">Seq</th>
            <th scope="col">Time</th>
            <th scope="col">Kind</th>
            <th scope="col">Summary</th>
            <th scope="col">Hash</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((entry) => (
            <tr key={entry.seq} data-testid="ledger-row">
              <td className="num mono">{entry.seq}</td>
              <td>
                <Timestamp ms={entry.at} />
              </td>
              <td>
                <code className="kind">{entry.kind}</code>
              </td>
              <td className="ledger-summary">
                <details>
                  <summary>{summarizeLedgerEntry(entry)}</summary>
                  <pre tabIndex={0} aria-label={`Payload of entry ${entry.seq}`}>
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
