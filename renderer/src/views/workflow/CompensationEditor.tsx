import { useState } from 'react';
import { skeletonInput, type ActionInfo } from '../../workflows/catalog';
import type { CompensationView, WorkflowStep } from '../../workflows/document';
import { ActionSelect } from './ActionSelect';
import { InputMappingEditor } from './InputMappingEditor';

interface Props {
  step: WorkflowStep;
  actions: readonly ActionInfo[];
  onChange: (compensate: CompensationView | null) => void;
}

/**
 * What undoes a step when an operator cancels a run "with compensation": an action and its input, which may read
 * what this step returned. Nothing is written to the draft until an action is chosen.
 */
export function CompensationEditor({ step, actions, onChange }: Props) {
  const [on, setOn] = useState(Boolean(step.compensate));
  const action = step.compensate?.action ?? '';
  const selectId = `undo-action-${step.id}`;
  return (
    <fieldset className="compensation" data-testid="compensation-editor" data-step-id={step.id}>
      <legend>Undo (compensation)</legend>
      <label className="check">
        <input
          type="checkbox"
          checked={on}
          data-testid="compensation-on"
          onChange={(e) => {
            setOn(e.target.checked);
            if (!e.target.checked) onChange(null);
          }}
        />
        Undo this step when a run is cancelled with compensation
      </label>
      {on && (
        <>
          <label className="field" htmlFor={selectId}>
            Action that undoes it
          </label>
          <ActionSelect
            id={selectId}
            value={action}
            actions={actions}
            prompt="Choose an action…"
            testId="compensation-action"
            onChange={(next) => {
              const info = actions.find((a) => a.action === next);
              onChange(next ? { action: next, input: info ? skeletonInput(info) : {} } : null);
            }}
          />
          {action && (
            <>
              <p className="small muted">
                Its input may read what this step returned, e.g. <code>{`{{ steps.${step.id}.output.id }}`}</code>.
              </p>
              <InputMappingEditor
                key={action}
                label={`Input of the undo of ${step.name ?? step.id}`}
                value={step.compensate?.input ?? {}}
                action={actions.find((a) => a.action === action)}
                testId="compensation-input"
                onChange={(input) => onChange({ action, input })}
              />
            </>
          )}
        </>
      )}
    </fieldset>
  );
}
