import { useEffect, useState } from 'react';
import type { ConsoleError, DeliveryView } from '../../../preload/api';
import { ActionDialog } from '../components/ActionDialog';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { Timestamp } from '../components/Timestamp';
import { api } from '../keel';
import { href } from '../router/route';
import { navigate } from '../router/useRoute';
import { useRuns } from '../state/runs';

const statusWords = { accepted: 'Accepted', duplicate: 'Duplicate (ignored)', rejected: 'Rejected' } as const;
const tone = { accepted: 'success', duplicate: 'neutral', rejected: 'danger' } as const;

/** An endpoint's recent deliveries, rejected ones with the reason; accepted ones can start a new run. */
export function DeliveriesTable({ endpoint }: { endpoint: string }) {
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [replaying, setReplaying] = useState<DeliveryView | null>(null);
  const runCount = useRuns((s) => s.runs.length);
  const load = () =>
    void api.listDeliveries({ endpoint, limit: 50 }).then((r) => {
      if (r.ok) {
        setDeliveries(r.value);
        setError(null);
      } else setError(r.error);
    });
  // A new run usually means a new delivery: refresh with the runs list.
  useEffect(load, [endpoint, runCount]);

  if (error) return <Problem title="The deliveries could not be loaded." error={error} onRetry={load} />;
  if (!deliveries) return <Loading>Loading deliveries…</Loading>;
  if (deliveries.length === 0) return <p className="muted">No deliveries yet. Send a sample contract from the header, or point a provider at the URL above.</p>;
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="deliveries-table">
        <caption className="visually-hidden">Recent deliveries to {endpoint}, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Received</th>
            <th scope="col">Status</th>
            <th scope="col">Provider's delivery id</th>
            <th scope="col">Run</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row" data-status={d.status}>
              <td>
                <Timestamp ms={d.receivedAt} />
              </td>
              <td>
                <span className={`pill tone-${tone[d.status]}`}>{statusWords[d.status]}</span>
                {d.reason && <div className="sub">{d.reason}</div>}
              </td>
              <td>
                <code className="mono small">{d.providerDeliveryId ?? '—'}</code>
              </td>
              <td>{d.runId ? <a href={href({ name: 'run', runId: d.runId })}>{d.runId.slice(0, 8)}</a> : <span className="muted">none</span>}</td>
              <td>
                {d.status === 'accepted' && (
                  <button type="button" className="btn btn-small" onClick={() => setReplaying(d)} data-testid="delivery-replay">
                    Replay…
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {replaying && (
        <ActionDialog
          title="Replay this delivery"
          testId="delivery-replay-dialog"
          description={<p>Keel starts a new run from the stored payload of this delivery, on the workflow's current version.</p>}
          submitLabel="Start new run"
          onSubmit={(actor) => api.replayDelivery({ deliveryId: replaying.id, actor })}
          onDone={(v) => {
            setReplaying(null);
            navigate(href({ name: 'run', runId: v.runId }));
          }}
          onClose={() => setReplaying(null)}
        />
      )}
    </div>
  );
}
