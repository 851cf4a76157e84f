export interface StepChoice {
  id: string;
  label: string;
  /** Why picking it is a problem (it would close a circle), said beside it. */
  warning?: string;
}

interface Props {
  legend: string;
  choices: readonly StepChoice[];
  selected: readonly string[];
  onToggle: (id: string, on: boolean) => void;
  testId?: string;
}

/** A set of steps to pick from, as checkboxes in a fieldset: reachable with Tab and Space, read as one group. */
export function StepChecklist({ legend, choices, selected, onToggle, testId }: Props) {
  return (
    <fieldset className="step-checklist" data-testid={testId}>
      <legend>{legend}</legend>
      {choices.length === 0 && <p className="small muted">There are no other steps.</p>}
      {choices.map((choice) => (
        <label key={choice.id} className="check">
          <input type="checkbox" value={choice.id} checked={selected.includes(choice.id)} onChange={(e) => onToggle(choice.id, e.target.checked)} />
          <span>{choice.label}</span>
          {choice.warning && <span className="small warning-text">{choice.warning}</span>}
        </label>
      ))}
    </fieldset>
  );
}
