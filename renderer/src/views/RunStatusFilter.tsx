import { runStatuses, statusLabel } from '../format/status';
import type { StatusFilter } from '../state/runFilter';

const options: { value: StatusFilter; label: string }[] = [
  { value: 'all', label: 'All' },
  ...runStatuses.map((s) => ({ value: s, label: statusLabel(s) })),
];

/** A radio group styled as a segmented control: arrow keys move between options, as for any radio group. */
export function RunStatusFilter({ value, onChange }: { value: StatusFilter; onChange: (value: StatusFilter) => void }) {
  return (
    <fieldset className="segmented" data-testid="run-status-filter">
      <legend className="visually-hidden">Show runs with status</legend>
      {options.map((option) => (
        <label key={option.value} className={option.value === value ? 'segment segment-on' : 'segment'}>
          <input
            type="radio"
            name="run-status"
            value={option.value}
            checked={option.value === value}
            onChange={() => onChange(option.value)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
