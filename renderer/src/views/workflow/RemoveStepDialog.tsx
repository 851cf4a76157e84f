import { Dialog } from '../../components/Dialog';
import type { WorkflowDocument } from '../../workflows/document';
import { dependentsOf, readersOf } from '../../workflows/steps';

interface Props {
  draft: WorkflowDocument;
  stepId: string;
  onRemove: () => void;
  onClose: () => void;
}

/**
 * Confirms removing a step from the draft, saying what it does to the rest: steps that ran after it run after
 * what it ran after instead (the dependency is dropped), and steps that read its output must be edited before
 * the draft can be published.
 */
export function RemoveStepDialog({ draft, stepId, onRemove, onClose }: Props) {
  const nameOf = (id: string) => draft.steps.find((s) => s.id === id)?.name ?? id;
  const step = draft.steps.find((s) => s.id === stepId);
  if (!step) return null;
  const dependents = dependentsOf(draft, stepId);
  const readers = readersOf(draft, stepId);
  const inherited = step.needs?.length ? step.needs.map(nameOf).join(', ') : null;
  return (
    <Dialog title={`Remove ${nameOf(stepId)}?`} onClose={onClose} testId="remove-step-dialog">
      <div className="dialog-form">
        <p>It leaves this draft only; published versions, and the runs on them, keep it.</p>
        {dependents.length > 0 && (
          <div className="callout" data-testid="remove-step-dependents">
            <p>
              {dependents.map((s) => s.name ?? s.id).join(', ')} {dependents.length === 1 ? 'runs' : 'run'} after it.
              {inherited ? ` Removing it drops that dependency: they will run after ${inherited} instead.` : ' Removing it drops that dependency: they will start as soon as the run does.'}
            </p>
          </div>
        )}
        {readers.length > 0 && (
          <p className="warning-text" role="alert" data-testid="remove-step-readers">
            {readers.map((s) => s.name ?? s.id).join(', ')} {readers.length === 1 ? 'reads' : 'read'} <code>steps.{stepId}</code> in a condition or input. Edit{' '}
            {readers.length === 1 ? 'it' : 'them'} after removing, or the check will refuse to publish.
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            Cancel
          </button>
          <button type="button" className="btn btn-danger" onClick={onRemove} data-testid="remove-step-confirm">
            {dependents.length > 0 ? 'Remove and drop the dependency' : 'Remove step'}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
