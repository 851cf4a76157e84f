import { useEffect } from 'react';
import { CopyButton } from '../components/CopyButton';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { DeliveriesTable } from './DeliveriesTable';
import { EndpointSecrets } from './endpoints/EndpointSecrets';
import { useEndpoints, useWorkflows } from '../state/resources';

export function EndpointsView() {
  const endpoints = useEndpoints((s) => s.data);
  const error = useEndpoints((s) => s.error);
  const workflows = useWorkflows((s) => s.data);
  const load = () => void useEndpoints.getState().load();

  useEffect(() => {
    load();
    // Only to show workflow names instead of ids; the page works without them.
    void useWorkflows.getState().load();
  }, []);

  const workflowName = (id: string) => workflows?.find((w) => w.id === id)?.name;

  return (
    <section className="page" aria-labelledby="endpoints-title">
      <div className="page-head">
        <h1 id="endpoints-title" tabIndex={-1}>
          Endpoints
        </h1>
      </div>
      <p className="lede">
        Point a provider's webhook at an endpoint's URL. Keel checks each delivery with the endpoint's verifier, stores it,
        answers, and then starts the workflow.
      </p>
      {error && <Problem title="The endpoints could not be loaded." error={error} onRetry={load} />}
      {!endpoints && !error && <Loading>Loading endpoints…</Loading>}
      {endpoints?.length === 0 && (
        <EmptyState title="No endpoints yet.">Every workflow's trigger has an endpoint; once a workflow is installed, its endpoint appears here.</EmptyState>
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
                <th scope="col">Signing secrets</th>
              </tr>
            </thead>
            <tbody>
              {endpoints.map((e) => (
                <tr key={e.slug} data-testid="endpoint-row" data-slug={e.slug}>
                  <td className="strong">{e.slug}</td>
                  <td>
                    <div className="url-cell">
                      <code className="mono url" data-testid="endpoint-url">
                        {e.url}
                      </code>
                      <CopyButton text={e.url} label={`URL of ${e.slug}`} />
                    </div>
                  </td>
                  <td>
                    {workflowName(e.workflowId) ?? ''} <code className="mono muted">{e.workflowId}</code>
                  </td>
                  <td>
                    <code className="mono">{e.verifier}</code>
                  </td>
                  <td>
                    <EndpointSecrets endpoint={e} onChanged={load} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
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
