import { useState } from 'react';

/**
 * Picks a JSON file Google let the user download (a service-account key, an OAuth client) and hands its text to the
 * owner, which keeps it only in dialog state. Says which file was read, never what is in it.
 */
export function JsonFileField({ label, onText, testId }: { label: string; onText: (text: string) => void; testId: string }) {
  const [read, setRead] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  async function choose(file: File | undefined) {
    setRead(null);
    setProblem(null);
    if (!file) return;
    if (file.size > 20_000) {
      setProblem(`${file.name} is ${file.size.toLocaleString()} bytes; a Google key or client file is a few kilobytes. Choose the file Google downloaded.`);
      return;
    }
    onText(await file.text());
    setRead(file.name);
  }

  return (
    <label className="field">
      <span>{label}</span>
      <input className="input" type="file" accept="application/json,.json" onChange={(e) => void choose(e.target.files?.[0])} data-testid={testId} />
      {read && <span className="muted small" data-testid={`${testId}-read`}>Read {read}.</span>}
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}
