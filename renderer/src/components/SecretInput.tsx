/** A field for a secret the user pastes: masked, never autocompleted or spell-checked, cleared by its owner after use. */
export function SecretInput({ label, value, onChange, testId }: { label: string; value: string; onChange: (value: string) => void; testId: string }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input
        className="input"
        type="password"
        required
        minLength={8}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        data-testid={testId}
      />
    </label>
  );
}
