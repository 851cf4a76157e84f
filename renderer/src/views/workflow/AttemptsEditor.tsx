import { useState } from 'react';
import type { WorkflowStep } from '../../workflows/document';
import { attemptFields, durationWords, initialText, parseAttemptText, shown, type AttemptDefaults, type AttemptField, type AttemptKey } from '../../workflows/retry';

interface Props {
  step: WorkflowStep;
  /** The engine's defaults, shown as placeholders; null while they load. */
  defaults: AttemptDefaults | null;
  onChange: (key: AttemptKey, value: number | undefined) => void;
}

/** A step's retry policy and attempt timeout: each field empty means the engine's default, named beside it. */
export function AttemptsEditor({ step, defaults, onChange }: Props) {
  return (
    <fieldset className="attempts" data-testid="attempts-editor" data-step-id={step.id}>
      <legend>Retries and timeout</legend>
      <p className="small muted">Waits grow from the first wait and are random up to each ceiling, so many runs do not retry at once. Leave a field empty for the default.</p>
      <div className="attempts-grid">
        {attemptFields.map((field) => (
          <AttemptInput key={`${field.key}-${defaults ? 'known' : 'loading'}`} stepId={step.id} field={field} step={step} defaults={defaults} onChange={(v) => onChange(field.key, v)} />
        ))}
      </div>
    </fieldset>
  );
}

function AttemptInput({ stepId, field, step, defaults, onChange }: { stepId: string; field: AttemptField; step: WorkflowStep; defaults: AttemptDefaults | null; onChange: (value: number | undefined) => void }) {
  const [text, setText] = useState(() => initialText(field, step, defaults));
  const [problem, setProblem] = useState<string | null>(null);
  const fallback = defaults ? (field.key === 'timeoutMs' ? defaults.timeoutMs : defaults.retry[field.key]) : undefined;
  const id = `attempt-${stepId}-${field.key}`;
  return (
    <div className="field">
      <label htmlFor={id}>{field.label}</label>
      <input
        id={id}
        className="input"
        inputMode="decimal"
        value={text}
        placeholder={fallback === undefined ? 'default' : shown(field, fallback)}
        aria-invalid={problem !== null}
        aria-describedby={`${id}-hint`}
        data-testid={`attempt-${field.key}`}
        onChange={(e) => {
          setText(e.target.value);
          const parsed = parseAttemptText(field, e.target.value);
          setProblem(parsed.ok ? null : parsed.problem);
          if (parsed.ok) onChange(parsed.value);
        }}
      />
      <span id={`${id}-hint`} className="small muted">
        {problem ? <span className="warning-text">{problem}</span> : field.hint}
        {fallback !== undefined && !problem && ` Default: ${field.unit === 'seconds' ? durationWords(fallback) : fallback}.`}
      </span>
    </div>
  );
}
