/** Which workflow version a replay runs on: the one the run used, or the current one (with rules published since). */
export type ReplayVersion = 'pinned' | 'current';

export function ReplayVersionChoice({ name, pinnedVersion, value, onChange, currentTestId }: {
  /** The radio group's name, unique on the page. */
  name: string;
  pinnedVersion: number;
  value: ReplayVersion;
  onChange: (version: ReplayVersion) => void;
  currentTestId?: string;
}) {
  return (
    <fieldset className="radios">
      <legend>Workflow version</legend>
      <label className="check">
        <input type="radio" name={name} checked={value === 'pinned'} onChange={() => onChange('pinned')} />
        v{pinnedVersion}, the version this run used
      </label>
      <label className="check">
        <input type="radio" name={name} checked={value === 'current'} onChange={() => onChange('current')} data-testid={currentTestId} />
        The current version (includes rule changes published since)
      </label>
    </fieldset>
  );
}
