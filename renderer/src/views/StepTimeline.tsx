import type { RunDetail } from '../../../preload/api';
import { StepItem } from './StepItem';
import { StepActions } from './run/OperatorActions';

/** The steps in workflow order, as the core lists them, each with what an operator may do with it. */
export function StepTimeline({ detail, nameOf, selected }: { detail: RunDetail; nameOf: (stepId: string) => string; selected: string | null }) {
  return (
    <ol className="timeline" aria-label="Steps in workflow order">
      {detail.steps.map((step) => (
        <StepItem
          key={step.stepId}
          step={step}
          nameOf={nameOf}
          selected={selected === step.stepId}
          actions={<StepActions detail={detail} step={step} />}
        />
      ))}
    </ol>
  );
}
