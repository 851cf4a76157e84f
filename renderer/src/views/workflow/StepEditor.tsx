import type { StepCatalog } from '../../workflows/catalog';
import { setCompensation, setInput, setWhen, type WorkflowDocument, type WorkflowStep } from '../../workflows/document';
import { toggleNeed } from '../../workflows/needs';
import { setAttemptValue } from '../../workflows/retry';
import { AttemptsEditor } from './AttemptsEditor';
import { CompensationEditor } from './CompensationEditor';
import { ConditionEditor } from './ConditionEditor';
import { InputMappingEditor } from './InputMappingEditor';
import { NeedsEditor } from './NeedsEditor';
import { StepHeader } from './StepHeader';

export type DraftEdit = (change: (draft: WorkflowDocument) => WorkflowDocument) => void;

interface Props {
  draft: WorkflowDocument;
  step: WorkflowStep;
  catalog: StepCatalog | null;
  problems: string[];
  /** Paths the condition builder suggests. */
  fields: string[];
  /** A step added in this draft: its input mapping starts open. */
  added: boolean;
  edit: DraftEdit;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One step of the draft: where it sits, when it runs, what it sends, how it retries, and what undoes it. */
export function StepEditor({ draft, step, catalog, problems, fields, added, edit, onMove, onRemove }: Props) {
  const name = step.name ?? step.id;
  const action = catalog?.actions.find((a) => a.action === step.action);
  return (
    <section className="wf-step" data-testid="step-editor" data-step-id={step.id} aria-labelledby={`se-${step.id}`}>
      <StepHeader draft={draft} step={step} action={action} onMove={onMove} onRemove={onRemove} />
      {problems.length > 0 && (
        <ul className="problems" role="alert" data-testid="step-problems">
          {problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <ConditionEditor stepId={step.id} value={step.when ?? ''} onChange={(cel) => edit((d) => setWhen(d, step.id, cel))} fields={fields} />
      <details className="wf-section" open={added}>
        <summary>Input mapping</summary>
        <p className="small muted">
          Values may hold <code>{'{{ expression }}'}</code> templates, e.g. <code>{'{{ trigger.data.client.email }}'}</code> or{' '}
          <code>{'{{ steps.stripe_customer.output.id }}'}</code> (a step it runs after).
        </p>
        <InputMappingEditor label={`Input mapping of ${name}`} value={step.input ?? {}} action={action} testId="input-mapping" onChange={(input) => edit((d) => setInput(d, step.id, input))} />
      </details>
      <details className="wf-section" open={added}>
        <summary>Runs after {step.needs?.length ? `(${step.needs.length})` : '(nothing)'}</summary>
        <NeedsEditor draft={draft} step={step} onToggle={(need, on) => edit((d) => toggleNeed(d, step.id, need, on))} />
      </details>
      <details className="wf-section" open={added}>
        <summary>Retries and timeout</summary>
        <AttemptsEditor step={step} defaults={catalog?.defaults ?? null} onChange={(key, value) => edit((d) => setAttemptValue(d, step.id, key, value))} />
      </details>
      <details className="wf-section">
        <summary>Undo {step.compensate ? `(${step.compensate.action})` : '(none)'}</summary>
        <CompensationEditor step={step} actions={catalog?.actions ?? []} onChange={(c) => edit((d) => setCompensation(d, step.id, c))} />
      </details>
    </section>
  );
}
