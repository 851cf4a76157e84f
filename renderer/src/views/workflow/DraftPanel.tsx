import { useEffect, useState } from 'react';
import type { ConsoleError, DeliveryView, DryRunResult, WorkflowCheck, WorkflowDetail } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { JsonBlock } from '../../components/JsonBlock';
import { Problem } from '../../components/Problem';
import { formatLocal } from '../../format/time';
import { api } from '../../keel';
import type { WorkflowDocument } from '../../workflows/document';

const outcomeWords = { run: 'Would run', skip: 'Would be skipped', error: 'Would fail', unknown: 'Depends on an earlier step' } as const;
const outcomeTone = { run: 'success', skip: 'neutral', error: 'danger', unknown: 'info' } as const;

interface Props {
  detail: WorkflowDetail;
  draft: WorkflowDocument;
  changed: boolean;
  check: WorkflowCheck | null;
  /** Problems that name no step; the others are shown beside their step. */
  general: string[];
  dry: DryRunResult | null;
  onDry: (result: DryRunResult) => void;
  onPublished: (detail: WorkflowDetail) => void;
}

/** The draft's way out: the core's check, a dry run against a recorded delivery, and publishing with who and why. */
export function DraftPanel({ detail, draft, changed, check, general, dry, onDry, onPublished }: Props) {
  const endpoint = (detail.document as WorkflowDocument).trigger?.endpoint;
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [deliveryId, setDeliveryId] = useState('');
  const [dryError, setDryError] = useState<ConsoleError | null>(null);
  const [dryBusy, setDryBusy] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');

  useEffect(() => {
    void api.listDeliveries({ endpoint, limit: 50 }).then((r) => {
      if (!r.ok) return;
      const accepted = r.value.filter((d) => d.status === 'accepted');
      setDeliveries(accepted);
      setDeliveryId((id) => id || accepted[0]?.id || '');
    });
  }, [endpoint]);

  async function dryRun() {
    setDryBusy(true);
    const result = await api.dryRunWorkflow(deliveryId ? { document: draft, deliveryId } : { document: draft });
    setDryBusy(false);
    if (result.ok) {
      onDry(result.value);
      setDryError(null);
    } else setDryError(result.error);
  }

  return (
    <aside className="panel" aria-label="Check, dry run and publish">
      <h2>Check</h2>
      <div role="status" data-testid="workflow-check" data-valid={check ? String(check.valid) : ''}>
        {!check ? (
          <p className="muted">Checking…</p>
        ) : check.valid ? (
          <p className="verdict verdict-ok">{changed ? 'The edited workflow is valid.' : 'No changes yet. Edit a step, or add one, on the left.'}</p>
        ) : (
          <div className="verdict verdict-bad">
            <p>Fix these before publishing (each is also shown beside its step):</p>
            <ul className="problems">
              {check.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          </div>
        )}
        {general.length > 0 && check?.valid && <p>{general.join(' ')}</p>}
      </div>
      <h2>Dry run</h2>
      <p className="small muted">What this draft would do with a recorded delivery's payload. Nothing is sent.</p>
      <label className="field">
        <span>Recorded delivery</span>
        <select className="select" value={deliveryId} onChange={(e) => setDeliveryId(e.target.value)} data-testid="dry-run-delivery">
          {deliveries?.length === 0 && <option value="">No recorded deliveries yet: send a sample contract first</option>}
          {deliveries?.map((d) => (
            <option key={d.id} value={d.id}>
              {formatLocal(d.receivedAt)} · {d.providerDeliveryId ?? d.id.slice(0, 8)}
            </option>
          ))}
        </select>
      </label>
      <div className="toolbar wf-panel-actions">
        <button type="button" className="btn" onClick={() => void dryRun()} disabled={dryBusy || !deliveryId || check?.valid === false} aria-busy={dryBusy} data-testid="dry-run">
          {dryBusy ? 'Running…' : 'Dry run'}
        </button>
        <button type="button" className="btn btn-primary" disabled={!changed || !check?.valid} onClick={() => setPublishing(true)} data-testid="publish">
          Publish v{detail.currentVersion + 1}…
        </button>
      </div>
      {dryError && <Problem title="The dry run failed." error={dryError} />}
      {dry?.trigger !== undefined && <JsonBlock label="Trigger used" value={dry.trigger} />}
      {dry && (
        <ol className="tl-notrun" data-testid="dry-run-result" aria-label="Dry run result">
          {dry.steps.map((s) => (
            <li key={s.stepId} className="dry-step" data-testid="dry-run-step" data-step-id={s.stepId} data-outcome={s.outcome}>
              <strong>{s.stepId}</strong> <span className={`pill tone-${outcomeTone[s.outcome]}`}>{outcomeWords[s.outcome]}</span>
              <div className="small muted">{s.reason}</div>
              {s.outcome !== 'skip' && s.input != null && <JsonBlock label="Input it would send" value={s.input} />}
            </li>
          ))}
        </ol>
      )}
      {publishing && (
        <ActionDialog
          title={`Publish version ${detail.currentVersion + 1}`}
          testId="publish-dialog"
          description={<p>New runs use the new version. Runs already started keep v{detail.version}.</p>}
          submitLabel="Publish"
          onSubmit={(actor) => api.saveWorkflow({ document: draft, actor, ...(note.trim() ? { note: note.trim() } : {}) })}
          onDone={(d) => {
            setPublishing(false);
            onPublished(d);
          }}
          onClose={() => setPublishing(false)}
        >
          <label className="field">
            <span>Version note (optional, shown in the version list)</span>
            <input className="input" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} data-testid="publish-note" />
          </label>
        </ActionDialog>
      )}
    </aside>
  );
}
