import { useEffect, useState } from 'react';
import type { ConsoleError, RunDetail, StepStatus, WorkflowDetail } from '../../../preload/api';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { formatLocal } from '../format/time';
import { api } from '../keel';
import { href } from '../router/route';
import { useRuns } from '../state/runs';
import { asDocument } from '../workflows/document';
import { VersionsDiff } from './workflow/VersionsDiff';
import { WorkflowEditor } from './workflow/WorkflowEditor';
import { WorkflowMap } from './workflow/WorkflowMap';

type Tab = 'map' | 'edit' | 'versions';

export function WorkflowDetailView({ workflowId }: { workflowId: string }) {
  const [detail, setDetail] = useState<WorkflowDetail | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [tab, setTab] = useState<Tab>('map');
  const [published, setPublished] = useState<number | null>(null);
  const load = () =>
    void api.getWorkflow({ workflowId }).then((r) => {
      if (r.ok) {
        setDetail(r.value);
        setError(null);
      } else setError(r.error);
    });
  useEffect(load, [workflowId]);

  const document = detail ? asDocument(detail.document) : null;
  const tabs: { id: Tab; label: string }[] = [
    { id: 'map', label: 'Map' },
    { id: 'edit', label: 'Edit rules' },
    { id: 'versions', label: `Versions (${detail?.versions.length ?? '…'})` },
  ];

  return (
    <section className="page" aria-labelledby="wf-title" data-testid={detail ? 'workflow-detail' : undefined} data-version={detail?.currentVersion}>
      <p className="back">
        <a href={href({ name: 'workflows' })}>← All workflows</a>
      </p>
      <h1 id="wf-title" tabIndex={-1}>
        {detail ? `${detail.name} ` : 'Workflow '}
        {detail && <span className="muted">v{detail.currentVersion}</span>}
      </h1>
      {error && <Problem title="The workflow could not be loaded." error={error} onRetry={load} />}
      {!detail && !error && <Loading>Loading the workflow…</Loading>}
      {published !== null && (
        // In the page, not a floating toast: it stays until dismissed and must not cover the sample-contract notice.
        <p className="wf-published" role="status" data-testid="published">
          Published v{published}. New runs use it; runs already started keep their version.
          <button type="button" className="toast-close" aria-label="Dismiss" onClick={() => setPublished(null)}>
            ×
          </button>
        </p>
      )}
      {detail && document && (
        <>
          <div className="tabs" role="tablist" aria-label="Workflow views">
            {tabs.map((t) => (
              <button key={t.id} type="button" role="tab" className="tab" aria-selected={tab === t.id} onClick={() => setTab(t.id)} data-testid={`wf-tab-${t.id}`}>
                {t.label}
              </button>
            ))}
          </div>
          <div role="tabpanel">
            {tab === 'map' && <MapWithRun workflowId={workflowId} detail={detail} />}
            {tab === 'edit' && (
              <WorkflowEditor
                key={detail.currentVersion}
                detail={detail}
                onPublished={(d) => {
                  setDetail(d);
                  setPublished(d.currentVersion);
                }}
              />
            )}
            {tab === 'versions' && <VersionsDiff detail={detail} />}
          </div>
        </>
      )}
    </section>
  );
}

function MapWithRun({ workflowId, detail }: { workflowId: string; detail: WorkflowDetail }) {
  const runs = useRuns((s) => s.runs).filter((r) => r.workflowId === workflowId);
  const [runId, setRunId] = useState('');
  const [run, setRun] = useState<RunDetail | null>(null);
  const [shown, setShown] = useState<WorkflowDetail>(detail);
  useEffect(() => {
    if (!runId) {
      setRun(null);
      setShown(detail);
      return;
    }
    void api.getRun({ runId }).then(async (r) => {
      if (!r.ok) return;
      setRun(r.value);
      // Draw the version the run used, so the overlay matches the steps it had.
      const version = await api.getWorkflow({ workflowId, version: r.value.run.workflowVersion });
      if (version.ok) setShown(version.value);
    });
  }, [runId, workflowId, detail]);
  const document = asDocument(shown.document)!;
  const statuses = run ? new Map<string, StepStatus>(run.steps.map((s) => [s.stepId, s.status])) : undefined;
  return (
    <div>
      <div className="toolbar" style={{ marginBottom: 12 }}>
        <label className="field field-inline">
          Show a run on the map
          <select className="select" value={runId} onChange={(e) => setRunId(e.target.value)} data-testid="map-run">
            <option value="">No run (v{detail.currentVersion})</option>
            {runs.slice(0, 100).map((r) => (
              <option key={r.id} value={r.id}>
                {r.clientKey ?? r.id.slice(0, 8)} · {r.status.replace('_', ' ')} · v{r.workflowVersion} · {formatLocal(r.createdAt)}
              </option>
            ))}
          </select>
        </label>
        {run && <a href={href({ name: 'run', runId: run.run.id })}>Open this run</a>}
      </div>
      <WorkflowMap document={document} statuses={statuses} />
      <p className="small muted">Dashed orange edges are taken only when their condition holds. Each box shows the step's action and retry policy.</p>
    </div>
  );
}
