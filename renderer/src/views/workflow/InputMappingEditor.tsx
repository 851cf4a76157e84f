import { useState } from 'react';
import { prettyJson } from '../../format/json';
import { describeFields, type ActionInfo } from '../../workflows/catalog';

interface Props {
  /** What the editor is for, read by screen readers: "Input mapping of Welcome message". */
  label: string;
  value: unknown;
  onChange: (input: Record<string, unknown>) => void;
  /** The action the mapping feeds, when the core described it: its fields are listed under the editor. */
  action?: ActionInfo | undefined;
  testId?: string;
}

/**
 * An input mapping as JSON. Text that is not (yet) a JSON object keeps the last valid mapping in the draft and
 * says why, so typing never publishes half an edit. The mapping starts from `value` once: the parent keys this
 * editor by step (and action) so a new one starts fresh.
 */
export function InputMappingEditor({ label, value, onChange, action, testId }: Props) {
  const [text, setText] = useState(() => prettyJson(value ?? {}));
  const [parseError, setParseError] = useState<string | null>(null);
  const errorId = `${testId ?? 'mapping'}-${label.replace(/\W+/g, '-')}-error`;
  return (
    <div>
      <textarea
        className="input code-editor"
        rows={Math.min(16, text.split('\n').length + 1)}
        spellCheck={false}
        value={text}
        aria-label={label}
        aria-invalid={parseError !== null}
        aria-describedby={parseError ? errorId : undefined}
        data-testid={testId}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('a mapping is an object: { "field": value }');
            onChange(parsed as Record<string, unknown>);
            setParseError(null);
          } catch (error) {
            setParseError(`Not a valid mapping yet (${error instanceof Error ? error.message : String(error)}); the last valid one is kept.`);
          }
        }}
      />
      {parseError && (
        <p id={errorId} className="small warning-text">
          {parseError}
        </p>
      )}
      {action && action.fields.length > 0 && <p className="small muted">{action.title} takes: {describeFields(action)}</p>}
    </div>
  );
}
