/**
 * The workflow document as the console reads and edits it. The core validates documents (checkWorkflow); this
 * only reads the fields the editor and the map show, keeps every other field as it was, and edits immutably.
 */
export interface RetryPolicyView {
  maxAttempts?: number;
  initialDelayMs?: number;
  maxDelayMs?: number;
  multiplier?: number;
  deadlineMs?: number;
  [key: string]: unknown;
}

/** What undoes a step when an operator abandons a run with compensation. */
export interface CompensationView {
  action: string;
  input?: unknown;
}

export interface WorkflowStep {
  id: string;
  name?: string;
  action: string;
  needs?: string[];
  when?: string;
  input?: unknown;
  retry?: RetryPolicyView;
  timeoutMs?: number;
  compensate?: CompensationView;
  [key: string]: unknown;
}

export interface WorkflowDocument {
  id: string;
  name: string;
  description?: string;
  trigger?: { endpoint?: string; clientKey?: string };
  steps: WorkflowStep[];
  [key: string]: unknown;
}

export function asDocument(value: unknown): WorkflowDocument | null {
  if (typeof value !== 'object' || value === null) return null;
  const doc = value as Partial<WorkflowDocument>;
  if (!Array.isArray(doc.steps)) return null;
  return value as WorkflowDocument;
}

export function updateStep(doc: WorkflowDocument, stepId: string, change: (step: WorkflowStep) => WorkflowStep): WorkflowDocument {
  return { ...doc, steps: doc.steps.map((s) => (s.id === stepId ? change(s) : s)) };
}

/** Sets or (for an empty expression) removes a step's `when`. */
export function setWhen(doc: WorkflowDocument, stepId: string, when: string): WorkflowDocument {
  return updateStep(doc, stepId, (step) => {
    const { when: _old, ...rest } = step;
    return when.trim() ? { ...rest, when: when.trim() } : rest;
  });
}

export function setInput(doc: WorkflowDocument, stepId: string, input: unknown): WorkflowDocument {
  return updateStep(doc, stepId, (step) => ({ ...step, input }));
}

/** Sets or (null) removes what undoes a step. */
export function setCompensation(doc: WorkflowDocument, stepId: string, compensate: CompensationView | null): WorkflowDocument {
  return updateStep(doc, stepId, (step) => {
    const { compensate: _old, ...rest } = step;
    return compensate ? { ...rest, compensate } : rest;
  });
}

/** "3 attempts, backoff from 1 s" from a step's retry policy, or the engine default in words. */
export function describeRetry(retry: RetryPolicyView | undefined): string {
  if (!retry || Object.keys(retry).length === 0) return 'default retries';
  const parts: string[] = [];
  if (typeof retry.maxAttempts === 'number') parts.push(`${retry.maxAttempts} attempt${retry.maxAttempts === 1 ? '' : 's'}`);
  if (typeof retry.initialDelayMs === 'number') parts.push(`backoff from ${retry.initialDelayMs >= 1000 ? `${retry.initialDelayMs / 1000} s` : `${retry.initialDelayMs} ms`}`);
  return parts.length ? parts.join(', ') : 'custom retries';
}

/** Every leaf path of a value, prefixed (`trigger.data.plan`): the builder's field suggestions. */
export function leafPaths(value: unknown, prefix: string, out: string[] = [], depth = 0): string[] {
  if (depth > 6) return out;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      if (/^[A-Za-z_]\w*$/.test(key)) leafPaths(child, `${prefix}.${key}`, out, depth + 1);
    }
  } else {
    out.push(prefix);
  }
  return out;
}
