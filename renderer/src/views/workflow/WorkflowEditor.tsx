import { useEffect, useMemo, useState } from 'react';
import type { DeliveryView, DryRunResult, ConsoleError, WorkflowCheck, WorkflowDetail } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { JsonBlock } from '../../components/JsonBlock';
import { Problem } from '../../components/Problem';
import { formatLocal } from '../../format/time';
import { prettyJson } from '../../format/json';
import { api } from '../../keel';
import { leafPaths, setInput, setWhen, type WorkflowDocument, type WorkflowStep } from '../../workflows/document';
import { ConditionEditor } from './ConditionEditor';

const outcomeWords = { run: 'Would run', skip: 'Would be skipped', error: 'Would fail', unknown: 'Depends on an earlier step' } as const;
const outcomeTone = { run: 'success', skip: 'neutral', error: 'danger', unknown: 'info' } as const;

/** Checks the draft as it changes (debounced): problems name the step and field, shown next to that step. */
function useCheck(draft: WorkflowDocument) {
  const [check, setCheck] = useState<WorkflowCheck | null>(null);
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void api.checkWorkflow({ document: draft }).then((r) => {
        if (live) setCheck(r.ok ? r.value : { valid: false, problems: [r.error.message] });
      });
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [draft]);
  return check;
}

export function WorkflowEditor({ detail, onPublished }: { detail: WorkflowDetail; onPublished: (d: WorkflowDetail) => void }) {
  const original = detail.document as WorkflowDocument;
  const [draft, setDraft] = useState<WorkflowDocument>(original);
  const check = useCheck(draft);
  const [deliveries, setDeliveries] = useState<DeliveryView[] | null>(null);
  const [deliveryId, setDeliveryId] = useState('');
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [dryError, setDryError] = useState<ConsoleError | null>(null);
  const [dryBusy, setDryBusy] = useState(false);
  const [publishing, setPublishing] = useState(false);
  const [note, setNote] = useState('');
  const changed = JSON.stringify(draft) !== JSON.stringify(original);

  useEffect(() => {
    void api.listDeliveries({ endpoint: original.trigger?.endpoint, limit: 50 }).then((r) => {
      if (!r.ok) return;
      const accepted = r.value.filter((d) => d.status === 'accepted');
      setDeliveries(accepted);
      setDeliveryId((id) => id || accepted[0]?.id || '');
    });
  }, [original.trigger?.endpoint]);

  const fields = useMemo(() => {
    const fromTrigger = dry ? leafPaths(dry.trigger, 'trigger') : ['trigger.data.plan', 'trigger.data.contract_id', 'trigger.data.client.email', 'trigger.data.client.company'];
    return [...new Set(fromTrigger)];
  }, [dry]);

  async function dryRun() {
    setDryBusy(true);
    const result = await api.dryRunWorkflow(deliveryId ? { document: draft, deliveryId } : { document: draft });
    setDryBusy(false);
    if (result.ok) {
      setDry(result.value);
      setDryError(null);
    } else setDryError(result.error);
  }

  const problemsOf = (step: WorkflowStep) => (check?.problems ?? []).filter((p) => p.includes(`"${step.id}"`) || p.includes(`steps.${step.id}`) || p.includes(`step ${step.id}`));
  const general = (check?.problems ?? []).filter((p) => !draft.steps.some((s) => problemsOf(s).includes(p)));

  return (
    <div className="wf-grid" data-testid="workflow-editor">
      <div>
        {draft.steps.map((step) => (
          <StepEditor
            key={`${detail.version}-${step.id}`}
            step={step}
            problems={problemsOf(step)}
            fields={fields}
            onWhen={(cel) => {
              setDraft((d) => setWhen(d, step.id, cel));
              setDry(null);
            }}
            onInput={(input) => {
              setDraft((d) => setInput(d, step.id, input));
              setDry(null);
            }}
          />
        ))}
      </div>
      <aside className="panel" aria-label="Check, dry run and publish">
        <h2>Check</h2>
        <div role="status" data-testid="workflow-check" data-valid={check ? String(check.valid) : ''}>
          {!check ? (
            <p className="muted">Checking…</p>
          ) : check.valid ? (
            <p className="verdict verdict-ok">{changed ? 'The edited workflow is valid.' : 'No changes yet. Edit a condition or an input mapping on the left.'}</p>
          ) : (
            <div className="verdict verdict-bad">
              <p>Fix these before publishing:</p>
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
        <div className="toolbar" style={{ marginTop: 8 }}>
          <button type="button" className="btn" onClick={() => void dryRun()} disabled={dryBusy || !deliveryId || check?.valid === false} aria-busy={dryBusy} data-testid="dry-run">
            {dryBusy ? 'Running…' : 'Dry run'}
          </button>
          <button type="button" className="btn btn-primary" disabled={!changed || !check?.valid} onClick={() => setPublishing(true)} data-testid="publish">
            Publish v{detail.currentVersion + 1}…
          </button>
        </div>
        {dryError && <Problem title="The dry run failed." error={dryError} />}
        {dry && (
          <ol className="tl-notrun" data-testid="dry-run-result" aria-label="Dry run result">
            {dry.trigger !== undefined && <JsonBlock label="Trigger used" value={dry.trigger} />}
            {dry.steps.map((s) => (
              <li key={s.stepId} className="dry-step" data-testid="dry-run-step" data-step-id={s.stepId} data-outcome={s.outcome}>
                <strong>{s.stepId}</strong> <span className={`pill tone-${outcomeTone[s.outcome]}`}>{outcomeWords[s.outcome]}</span>
                <div className="small muted">{s.reason}</div>
                {s.outcome !== 'skip' && s.input != null && <JsonBlock label="Input it would send" value={s.input} />}
              </li>
            ))}
          </ol>
        )}
      </aside>
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
    </div>
  );
}

function StepEditor({ step, problems, fields, onWhen, onInput }: { step: WorkflowStep; problems: string[]; fields: string[]; onWhen: (cel: string) => void; onInput: (input: unknown) => void }) {
  const [text, setText] = useState(() => prettyJson(step.input ?? {}));
  const [parseError, setParseError] = useState<string | null>(null);
  return (
    <section className="wf-step" data-testid="step-editor" data-step-id={step.id} aria-labelledby={`se-${step.id}`}>
      <div className="wf-step-head">
        <h3 id={`se-${step.id}`}>{step.name ?? step.id}</h3>
        <code className="step-action">{step.action}</code>
        <span className="small muted">{step.needs?.length ? `after ${step.needs.join(', ')}` : 'first step'}</span>
      </div>
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="step-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ConditionEditor stepId={step.id} value={step.when ?? ''} onChange={onWhen} fields={fields} />
      <details>
        <summary>Input mapping</summary>
        <p className="small muted">
          Values may hold <code>{'{{ expression }}'}</code> templates, e.g. <code>{'{{ trigger.data.client.email }}'}</code> or{' '}
          <code>{'{{ steps.stripe_customer.output.id }}'}</code>.
        </p>
        <textarea
          className="input code-editor"
          rows={Math.min(16, text.split('\n').length + 1)}
          spellCheck={false}
          value={text}
          aria-label={`Input mapping of ${step.name ?? step.id}`}
          aria-invalid={parseError !== null}
          onChange={(e) => {
            setText(e.target.value);
            try {
              onInput(JSON.parse(e.target.value));
              setParseError(null);
            } catch (error) {
              setParseError(`Not valid JSON yet (${error instanceof Error ? error.message : String(error)}); the last valid mapping is kept.`);
            }
          }}
        />
        {parseError && <p className="small warning-text">{parseError}</p>}
      </details>
    </section>
  );
}
