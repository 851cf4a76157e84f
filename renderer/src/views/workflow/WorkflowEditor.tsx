import { useEffect, useMemo, useRef, useState } from 'react';
import type { DryRunResult, WorkflowDetail } from '../../../../preload/api';
import { Problem } from '../../components/Problem';
import { leafPaths, type WorkflowDocument } from '../../workflows/document';
import { placeProblems } from '../../workflows/problems';
import { addStep, moveStep, removeStep, type NewStep } from '../../workflows/steps';
import { setNeeds } from '../../workflows/needs';
import { AddStepForm } from './AddStepForm';
import { DraftPanel } from './DraftPanel';
import { RemoveStepDialog } from './RemoveStepDialog';
import { StepEditor, type DraftEdit } from './StepEditor';
import { useStepCatalog } from './useStepCatalog';
import { useWorkflowCheck } from './useWorkflowCheck';

const SAMPLE_FIELDS = ['trigger.data.plan', 'trigger.data.contract_id', 'trigger.data.client.email', 'trigger.data.client.company'];

/**
 * The rule editor: every change (steps added, removed, moved; conditions, mappings, needs, retries, undo) goes to
 * a draft, checked by the core as it changes, and reaches new runs only through dry run and publish.
 */
export function WorkflowEditor({ detail, onPublished }: { detail: WorkflowDetail; onPublished: (d: WorkflowDetail) => void }) {
  const original = detail.document as WorkflowDocument;
  const [draft, setDraft] = useState<WorkflowDocument>(original);
  const check = useWorkflowCheck(draft);
  const { catalog, error: catalogError, reload } = useStepCatalog();
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<string | null>(null);
  /** Element ids to focus after the next render: the first that exists and is enabled. */
  const pendingFocus = useRef<string[]>([]);
  const changed = JSON.stringify(draft) !== JSON.stringify(original);

  // After an add, a remove or a move, focus follows the step (or the list) so keyboard users stay oriented; once,
  // so typing elsewhere afterwards keeps its focus.
  useEffect(() => {
    const target = pendingFocus.current.map((id) => document.getElementById(id)).find((el) => el && !(el as HTMLButtonElement).disabled);
    pendingFocus.current = [];
    target?.focus();
  });

  const fields = useMemo(() => [...new Set(dry ? leafPaths(dry.trigger, 'trigger') : SAMPLE_FIELDS)], [dry]);
  const placed = placeProblems(check?.problems ?? [], draft.steps.map((s) => s.id));

  const edit: DraftEdit = (change) => {
    setDraft(change);
    setDry(null);
  };

  function add(step: NewStep) {
    edit((d) => setNeeds(addStep(d, step), step.id, step.needs));
    setAdded((a) => new Set(a).add(step.id));
    setAdding(false);
    pendingFocus.current = [`se-${step.id}`];
  }

  function remove(stepId: string) {
    edit((d) => removeStep(d, stepId));
    setRemoving(null);
    pendingFocus.current = ['wf-steps-title'];
  }

  return (
    <div className="wf-grid" data-testid="workflow-editor">
      <div>
        <h2 id="wf-steps-title" className="visually-hidden" tabIndex={-1}>
          Steps of the draft
        </h2>
        {catalogError && <Problem title="The list of actions could not be loaded, so steps cannot be added." error={catalogError} onRetry={reload} />}
        {draft.steps.map((step) => (
          <StepEditor
            key={`${detail.version}-${step.id}`}
            draft={draft}
            step={step}
            catalog={catalog}
            problems={placed.byStep.get(step.id) ?? []}
            fields={fields}
            added={added.has(step.id)}
            edit={edit}
            onMove={(by) => {
              edit((d) => moveStep(d, step.id, by) ?? d);
              pendingFocus.current = [`move-${step.id}-${by}`, `se-${step.id}`];
            }}
            onRemove={() => setRemoving(step.id)}
          />
        ))}
        {adding && catalog ? (
          <AddStepForm draft={draft} actions={catalog.actions} onAdd={add} onCancel={() => setAdding(false)} />
        ) : (
          <div className="toolbar wf-add-bar">
            <button type="button" className="btn" onClick={() => setAdding(true)} disabled={!catalog} data-testid="add-step">
              {catalog ? 'Add a step…' : 'Loading the actions…'}
            </button>
          </div>
        )}
      </div>
      <DraftPanel detail={detail} draft={draft} changed={changed} check={check} general={placed.general} dry={dry} onDry={setDry} onPublished={onPublished} />
      {removing && <RemoveStepDialog draft={draft} stepId={removing} onRemove={() => remove(removing)} onClose={() => setRemoving(null)} />}
    </div>
  );
}
