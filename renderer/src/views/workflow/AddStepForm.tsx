import { useState, type FormEvent } from 'react';
import { skeletonInput, stepIdProblem, suggestStepId, type ActionInfo } from '../../workflows/catalog';
import type { WorkflowDocument } from '../../workflows/document';
import type { NewStep } from '../../workflows/steps';
import { ActionSelect } from './ActionSelect';
import { StepChecklist } from './StepChecklist';

interface Props {
  draft: WorkflowDocument;
  actions: readonly ActionInfo[];
  onAdd: (step: NewStep) => void;
  onCancel: () => void;
}

/**
 * A new step for the draft: a connector action the core offers, an id (suggested from the action until the person
 * types their own), a name, and the steps it runs after. Its input mapping starts with the action's required fields.
 */
export function AddStepForm({ draft, actions, onAdd, onCancel }: Props) {
  const [action, setAction] = useState('');
  const [id, setId] = useState('');
  const [idTyped, setIdTyped] = useState(false);
  const [name, setName] = useState('');
  const [needs, setNeeds] = useState<string[]>(() => (draft.steps.length ? [draft.steps.at(-1)!.id] : []));
  const [tried, setTried] = useState(false);
  const info = actions.find((a) => a.action === action);
  const idProblem = stepIdProblem(draft, id);
  const problem = !action ? 'Choose the action this step performs.' : idProblem;

  function submit(event: FormEvent) {
    event.preventDefault();
    setTried(true);
    if (problem || !info) return;
    onAdd({ id, name, action, needs, input: skeletonInput(info) });
  }

  return (
    <form className="wf-step wf-add" onSubmit={submit} aria-labelledby="add-step-title" data-testid="add-step-form" noValidate>
      <h3 id="add-step-title">Add a step</h3>
      <div className="field-row">
        <div className="field field-grow">
          <label htmlFor="add-step-action">Action</label>
          <ActionSelect
            id="add-step-action"
            value={action}
            actions={actions}
            prompt="Choose an action…"
            testId="add-step-action"
            onChange={(next) => {
              setAction(next);
              if (!idTyped && next) setId(suggestStepId(draft, next));
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="add-step-id">Step id</label>
          <input
            id="add-step-id"
            className="input mono"
            value={id}
            aria-invalid={tried && idProblem !== null}
            aria-describedby="add-step-id-hint"
            data-testid="add-step-id"
            onChange={(e) => {
              setId(e.target.value);
              setIdTyped(true);
            }}
          />
          <span id="add-step-id-hint" className="small muted">
            Later steps read its output as <code>steps.{id || 'id'}.output</code>.
          </span>
        </div>
        <div className="field field-grow">
          <label htmlFor="add-step-name">Name (optional)</label>
          <input id="add-step-name" className="input" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} data-testid="add-step-name" />
        </div>
      </div>
      <StepChecklist
        legend="Runs after"
        choices={draft.steps.map((s) => ({ id: s.id, label: s.name ?? s.id }))}
        selected={needs}
        onToggle={(step, on) => setNeeds((n) => (on ? [...n, step] : n.filter((x) => x !== step)))}
        testId="add-step-needs"
      />
      {tried && problem && (
        <p className="form-error" role="alert" data-testid="add-step-problem">
          {problem}
        </p>
      )}
      <div className="toolbar">
        <button type="submit" className="btn btn-primary" data-testid="add-step-submit">
          Add to draft
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
