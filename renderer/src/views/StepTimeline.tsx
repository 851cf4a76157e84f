import type { StepView } from '../../../preload/api';
import { StepItem } from './StepItem';

/** The steps in workflow order, as the core lists them; `needs` are shown by step name. */
export function StepTimeline({ steps, nameOf }: { steps: StepView[]; nameOf: (stepId: string) => string }) {
  return (
    <ol className="timeline" aria-label="Steps in workflow order">
      {steps.map((step) => (
        <StepItem key={step.stepId} step={step} nameOf={nameOf} />
      ))}
    </ol>
  );
}
