import type { ActionInfo } from '../../workflows/catalog';
import type { WorkflowDocument, WorkflowStep } from '../../workflows/document';
import { moveStep } from '../../workflows/steps';

interface Props {
  draft: WorkflowDocument;
  step: WorkflowStep;
  action: ActionInfo | undefined;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/**
 * A step's title, action and place, with moving and removing. A move that would put the step before one it needs
 * (or after one that needs it) is disabled, with the reason as the button's description.
 */
export function StepHeader({ draft, step, action, onMove, onRemove }: Props) {
  const name = step.name ?? step.id;
  const up = moveStep(draft, step.id, -1) !== null;
  const down = moveStep(draft, step.id, 1) !== null;
  const only = draft.steps.length === 1;
  return (
    <div className="wf-step-head">
      <h3 id={`se-${step.id}`} tabIndex={-1}>
        {name}
      </h3>
      <code className="step-action" title={action?.title}>
        {step.action}
      </code>
      <span className="small muted">{step.needs?.length ? `after ${step.needs.join(', ')}` : 'first step'}</span>
      <div className="wf-step-tools" role="group" aria-label={`Arrange ${name}`}>
        <button type="button" id={`move-${step.id}--1`} className="btn btn-small" disabled={!up} onClick={() => onMove(-1)} aria-label={`Move ${name} up`} title={up ? undefined : 'It comes right after a step it needs, or is first.'}>
          ↑
        </button>
        <button type="button" id={`move-${step.id}-1`} className="btn btn-small" disabled={!down} onClick={() => onMove(1)} aria-label={`Move ${name} down`} title={down ? undefined : 'The next step needs it, or it is last.'}>
          ↓
        </button>
        <button type="button" className="btn btn-small btn-danger-outline" disabled={only} onClick={onRemove} aria-label={`Remove step ${name}`} data-testid="remove-step" title={only ? 'A workflow needs at least one step.' : undefined}>
          Remove step
        </button>
      </div>
    </div>
  );
}
