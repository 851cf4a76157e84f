/**
 * A step's retry policy and attempt timeout as the editor shows them. Durations are typed in seconds (the document
 * holds milliseconds); an empty field means "the engine's default", which the core supplies
 * (listConnectorActions) and the editor shows as the placeholder. Ranges are the core's to check: its problems
 * name the step and the field.
 */
import { updateStep, type WorkflowDocument, type WorkflowStep } from './document';

export type RetryKey = 'maxAttempts' | 'initialDelayMs' | 'multiplier' | 'maxDelayMs' | 'deadlineMs';
export type AttemptKey = RetryKey | 'timeoutMs';
export type AttemptDefaults = { retry: Record<RetryKey, number>; timeoutMs: number };

export interface AttemptField {
  key: AttemptKey;
  label: string;
  /** How the value is typed: a count, a growth factor, or seconds (stored as milliseconds). */
  unit: 'count' | 'factor' | 'seconds';
  hint: string;
}

export const attemptFields: AttemptField[] = [
  { key: 'maxAttempts', label: 'Attempts in all', unit: 'count', hint: 'The first attempt included.' },
  { key: 'initialDelayMs', label: 'First wait (seconds)', unit: 'seconds', hint: 'Longest wait before the second attempt; each wait is random up to it.' },
  { key: 'multiplier', label: 'Wait grows by', unit: 'factor', hint: 'Each longest wait is the one before times this.' },
  { key: 'maxDelayMs', label: 'Longest wait (seconds)', unit: 'seconds', hint: 'No wait is longer, however many attempts.' },
  { key: 'deadlineMs', label: 'Give up after (seconds)', unit: 'seconds', hint: 'Counted from the first attempt, whatever attempts remain.' },
  { key: 'timeoutMs', label: 'Attempt timeout (seconds)', unit: 'seconds', hint: 'How long one attempt may take before it counts as failed.' },
];

/** A stored value as typed: seconds for durations. */
export function shown(field: AttemptField, value: number): string {
  return field.unit === 'seconds' ? String(value / 1000) : String(value);
}

/** The value a step has for a field, or undefined when it leaves it to the engine. */
export function attemptValue(step: WorkflowStep, key: AttemptKey): number | undefined {
  const value = key === 'timeoutMs' ? step.timeoutMs : step.retry?.[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * What the field starts with: empty when the step has no value or has the default (a published document carries
 * every default written out), so the placeholder says what applies.
 */
export function initialText(field: AttemptField, step: WorkflowStep, defaults: AttemptDefaults | null): string {
  const value = attemptValue(step, field.key);
  const fallback = defaults ? (field.key === 'timeoutMs' ? defaults.timeoutMs : defaults.retry[field.key]) : undefined;
  return value === undefined || value === fallback ? '' : shown(field, value);
}

export type Parsed = { ok: true; value: number | undefined } | { ok: false; problem: string };

/** Reads what was typed: empty is the default; otherwise a number of the field's kind. */
export function parseAttemptText(field: AttemptField, text: string): Parsed {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  const number = Number(trimmed);
  if (!Number.isFinite(number) || number < 0) return { ok: false, problem: `${field.label}: write a number, or leave it empty for the default.` };
  if (field.unit === 'count' && !Number.isInteger(number)) return { ok: false, problem: `${field.label}: write a whole number.` };
  return { ok: true, value: field.unit === 'seconds' ? Math.round(number * 1000) : number };
}

/** Sets or (undefined) clears one field; a retry policy left with no fields is removed, so the defaults apply. */
export function setAttemptValue(doc: WorkflowDocument, stepId: string, key: AttemptKey, value: number | undefined): WorkflowDocument {
  return updateStep(doc, stepId, (step) => {
    if (key === 'timeoutMs') {
      const { timeoutMs: _old, ...rest } = step;
      return value === undefined ? rest : { ...rest, timeoutMs: value };
    }
    const { [key]: _old, ...retry } = step.retry ?? {};
    const next = value === undefined ? retry : { ...retry, [key]: value };
    const { retry: _was, ...rest } = step;
    return Object.keys(next).length ? { ...rest, retry: next } : rest;
  });
}

/** "30 s", "5 min", "1 day": a default in words beside its field. */
export function durationWords(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const units: [number, string][] = [[86_400_000, 'day'], [3_600_000, 'hour'], [60_000, 'min']];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      const n = ms / size;
      return name === 'min' ? `${n} min` : `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return `${ms / 1000} s`;
}
