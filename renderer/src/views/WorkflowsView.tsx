import { useEffect } from 'react';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { Timestamp } from '../components/Timestamp';
import { href } from '../router/route';
import { useWorkflows } from '../state/resources';

export function WorkflowsView() {
  const workflows = useWorkflows((s) => s.data);
  const error = useWorkflows((s) => s.error);
  const load = () => void useWorkflows.getState().load();

  useEffect(load, []);

  return (
    <section className="page" aria-labelledby="workflows-title">
      <div className="page-head">
        <h1 id="workflows-title" tabIndex={-1}>
          Workflows
        </h1>
      </div>
      <p className="lede">What Keel runs when a webhook arrives. Editing a workflow makes a new version; a run keeps the version it started with.</p>
      {error && <Problem title="The workflows could not be loaded." error={error} onRetry={load} />}
      {!workflows && !error && <Loading>Loading workflows…</Loading>}
      {workflows?.length === 0 && (
        <EmptyState title="No workflows yet.">
          Keel installs its sample workflows (client onboarding) when it starts. If this stays empty, check the terminal or
          log of the Keel core.
        </EmptyState>
      )}
      {workflows && workflows.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="workflows-table">
            <caption className="visually-hidden">Workflows</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">ID</th>
                <th scope="col" className="num">Version</th>
                <th scope="col">Endpoint</th>
                <th scope="col" className="num">Steps</th>
                <th scope="col">Updated</th>
                <th scope="col">Description</th>
              </tr>
            </thead>
            <tbody>
              {workflows.map((w) => (
                <tr key={w.id} data-testid="workflow-row" data-workflow-id={w.id}>
                  <td className="strong">
                    <a className="row-link" href={href({ name: 'workflow', workflowId: w.id })} data-testid="workflow-link">
                      {w.name}
                    </a>
                  </td>
                  <td>
                    <code className="mono">{w.id}</code>
                  </td>
                  <td className="num">v{w.version}</td>
                  <td>
                    <a href={href({ name: 'endpoints' })}>
                      <code className="mono">{w.endpoint}</code>
                    </a>
                  </td>
                  <td className="num">{w.stepCount}</td>
                  <td>
                    <Timestamp ms={w.updatedAt} />
                  </td>
                  <td className="description">{w.description || <span className="muted">No description</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
