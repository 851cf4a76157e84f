import { byConnector, type ActionInfo } from '../../workflows/catalog';

interface Props {
  id: string;
  value: string;
  actions: readonly ActionInfo[];
  onChange: (action: string) => void;
  testId?: string;
  /** Shown first, with an empty value, when nothing is chosen yet. */
  prompt?: string;
}

/** A connector action, chosen from those the core offers, grouped by connector. */
export function ActionSelect({ id, value, actions, onChange, testId, prompt }: Props) {
  const known = actions.some((a) => a.action === value);
  return (
    <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
      {prompt && <option value="">{prompt}</option>}
      {/* An action the core no longer offers stays visible, so the check can name it instead of it vanishing. */}
      {value && !known && <option value={value}>{value} (not offered)</option>}
      {byConnector(actions).map((group) => (
        <optgroup key={group.connector} label={group.title}>
          {group.actions.map((a) => (
            <option key={a.action} value={a.action}>
              {a.title} ({a.action})
            </option>
          ))}
        </optgroup>
      ))}
    </select>
  );
}
