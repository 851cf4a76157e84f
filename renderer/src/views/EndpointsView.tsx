import { useEffect, useState } from 'react';
import type { EndpointSavedView, EndpointView } from '../../../preload/api';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { DeliveriesTable } from './DeliveriesTable';
import { EndpointFormDialog } from './endpoints/EndpointFormDialog';
import { EndpointRow } from './endpoints/EndpointRow';
import { EndpointSaved } from './endpoints/EndpointSaved';
import { useTunnelUrls } from './endpoints/useTunnelUrls';
import { useEndpoints, useWorkflows } from '../state/resources';

type Editing = { kind: 'new' } | { kind: 'edit'; endpoint: EndpointView } | null;

export function EndpointsView() {
  const endpoints = useEndpoints((s) => s.data);
  const error = useEndpoints((s) => s.error);
  const workflows = useWorkflows((s) => s.data);
  const publicUrls = useTunnelUrls(endpoints);
  const [editing, setEditing] = useState<Editing>(null);
  const [saved, setSaved] = useState<EndpointSavedView | null>(null);
  const load = () => void useEndpoints.getState().load();

  useEffect(() => {
    load();
    // Only to show workflow names instead of ids; the page works without them.
    void useWorkflows.getState().load();
  }, []);

  const workflowName = (id: string) => workflows?.find((w) => w.id === id)?.name;
  const onSaved = (value: EndpointSavedView) => {
    setEditing(null);
    setSaved(value);
    load();
  };

  return (
    <section className="page" aria-labelledby="endpoints-title">
      <div className="page-head">
        <h1 id="endpoints-title" tabIndex={-1}>
          Endpoints
        </h1>
        <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })} data-testid="new-endpoint">
          New endpoint
        </button>
      </div>
      <p className="lede">
        Point a provider's webhook at an endpoint's URL. Keel checks each delivery with the endpoint's verifier, stores it,
        answers, and then starts the workflow.
      </p>
      {saved && <EndpointSaved saved={saved} publicUrl={publicUrls[saved.endpoint.slug]} onDismiss={() => setSaved(null)} />}
      {error && <Problem title="The endpoints could not be loaded." error={error} onRetry={load} />}
      {!endpoints && !error && <Loading>Loading endpoints…</Loading>}
      {endpoints?.length === 0 && (
        <EmptyState title="No endpoints yet.">Create one with New endpoint: choose the workflow it starts and the sender whose signatures it checks.</EmptyState>
      )}
      {endpoints && endpoints.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="endpoints-table">
            <caption className="visually-hidden">Webhook endpoints</caption>
            <thead>
              <tr>
                <th scope="col">Endpoint</th>
                <th scope="col">URL</th>
                <th scope="col">Workflow</th>
                <th scope="col">Verifier</th>
                <th scope="col">State</th>
                <th scope="col">Signing secrets</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <EndpointRow
                  key={e.slug}
                  endpoint={e}
                  workflowName={workflowName(e.workflowId)}
                  publicUrl={publicUrls[e.slug]}
                  onEdit={() => setEditing({ kind: 'edit', endpoint: e })}
                  onChanged={load}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing && <EndpointFormDialog {...(editing.kind === 'edit' && { editing: editing.endpoint })} onSaved={onSaved} onClose={() => setEditing(null)} />}
      {endpoints?.map((e) => (
        <section key={e.slug} className="panel" aria-labelledby={`deliveries-${e.slug}`}>
          <h2 id={`deliveries-${e.slug}`}>
            Recent deliveries to <code>{e.slug}</code>
          </h2>
          <DeliveriesTable endpoint={e.slug} />
        </section>
      ))}
    </section>
  );
}
