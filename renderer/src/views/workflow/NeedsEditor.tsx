import { cycleThrough, waitingOn } from '../../workflows/needs';
import type { WorkflowDocument, WorkflowStep } from '../../workflows/document';
import { StepChecklist } from './StepChecklist';

interface Props {
  draft: WorkflowDocument;
  step: WorkflowStep;
  onToggle: (need: string, on: boolean) => void;
}

const label = (s: WorkflowStep) => s.name ?? s.id;

/**
 * Which steps must finish before this one. A step that already waits on this one is marked before it is picked;
 * once a circle is closed it is named here, beside the step that closes it (the check refuses to publish it).
 */
export function NeedsEditor({ draft, step, onToggle }: Props) {
  const after = waitingOn(draft, step.id);
  const cycle = cycleThrough(draft, step.id);
  const names = new Map(draft.steps.map((s) => [s.id, label(s)]));
  return (
    <div data-testid="needs-editor" data-step-id={step.id}>
      <StepChecklist
        legend="Runs after"
        choices={draft.steps.filter((s) => s.id !== step.id).map((s) => ({ id: s.id, label: label(s), ...(after.has(s.id) && { warning: 'waits on this step: needing it makes a circle' }) }))}
        selected={step.needs ?? []}
        onToggle={onToggle}
      />
      {cycle && (
        <p className="small problem-inline" role="alert" data-testid="needs-cycle">
          These steps wait on each other in a circle, so none of them could start: {cycle.map((id) => names.get(id) ?? id).join(' → ')}. Untick one of them.
        </p>
      )}
      {!step.needs?.length && <p className="small muted">Needs nothing: it starts as soon as the run does.</p>}
    </div>
  );
}
