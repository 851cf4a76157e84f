import type { AttemptView } from '../../../preload/api';
import { StatusPill } from '../components/StatusPill';
import { Timestamp } from '../components/Timestamp';
import { formatDuration } from '../format/time';

/** Every attempt of every step, oldest first: the retry story of the run, with its idempotency keys. */
export function AttemptsTable({ attempts, nameOf }: { attempts: AttemptView[]; nameOf: (stepId: string) => string }) {
  if (attempts.length === 0) {
    return <p className="muted">No attempts yet. A step is attempted once the steps it needs are done.</p>;
  }
  const ordered = [...attempts].sort((a, b) => a.startedAt - b.startedAt || a.number - b.number);
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="attempts-table">
        <caption className="visually-hidden">Attempts, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Step</th>
            <th scope="col" className="num">#</th>
            <th scope="col">Status</th>
            <th scope="col">Started</th>
            <th scope="col" className="num">Took</th>
            <th scope="col">Idempotency key</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {ordered.map((a) => (
            <tr key={a.id} data-testid="attempt-row" data-status={a.status}>
              <td>{nameOf(a.stepId)}</td>
              <td className="num">{a.number}</td>
              <td>
                <StatusPill status={a.status} />
              </td>
              <td>
                <Timestamp ms={a.startedAt} />
              </td>
              <td className="num">{a.finishedAt === null ? '—' : formatDuration(a.finishedAt - a.startedAt)}</td>
              <td>
                <code className="mono small">{a.idempotencyKey}</code>
              </td>
              <td>{a.error ? `${a.error.kind === 'retryable' ? 'Retryable' : 'Permanent'}: ${a.error.message}` : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
