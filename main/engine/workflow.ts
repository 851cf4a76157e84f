/**
 * A workflow is data: a validated document. Saving makes a new immutable version; runs are pinned to theirs.
 * Validation names the step and field at fault, so a bad document is refused at save time, not at 3 a.m.
 */
import { z } from 'zod';
import { compileExpression, ExpressionError, templateExpressions } from './expressions';
import { retryPolicySchema } from './retry-policy';

const stepId = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,62}$/, 'a step id is lower-case letters, digits and _, starting with a letter');

export const stepSchema = z.object({
  id: stepId,
  name: z.string().min(1).max(120).optional(),
  /** `connector.action`, e.g. `stripe.createCustomer`. */
  action: z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/, 'an action is written connector.action'),
  /** The action's input; strings may hold `{{ expression }}` templates. */
  input: z.record(z.string(), z.unknown()).default({}),
  /** Steps that must finish first; steps whose needs are met run in parallel. */
  needs: z.array(stepId).default([]),
  /** A CEL condition; when false the step (and what needs it) is skipped. */
  when: z.string().min(1).max(2_000).optional(),
  retry: retryPolicySchema.partial().optional(),
  /** How long one attempt may take. @default 30000 */
  timeoutMs: z.number().int().min(100).max(600_000).default(30_000),
  /**
   * What undoes this step when an operator abandons the run with compensation: an action and its input, which
   * may read this step's output (`steps.<id>.output`). Compensations run in reverse order of `needs`.
   */
  compensate: z
    .object({ action: z.string().regex(/^[a-z][a-zA-Z0-9]*\.[a-z][a-zA-Z0-9]*$/, 'an action is written connector.action'), input: z.record(z.string(), z.unknown()).default({}) })
    .optional(),
});

export const workflowSchema = z.object({
  id: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a workflow id is lower-case letters, digits and -'),
  name: z.string().min(1).max(120),
  description: z.string().max(2_000).default(''),
  trigger: z.object({
    /** The endpoint slug whose deliveries start this workflow. */
    endpoint: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
    /** CEL naming the client this run is for (e.g. the contract id); shown everywhere a run is. */
    clientKey: z.string().min(1).max(500).optional(),
  }),
  steps: z.array(stepSchema).min(1).max(200),
  /** Who hears about a run that needs a person, besides the desktop notification. */
  alerts: z.object({ slack: z.object({ channel: z.string().min(1).max(80) }).optional() }).default({}),
});

export type StepDefinition = z.output<typeof stepSchema>;
export type WorkflowDocument = z.output<typeof workflowSchema>;

export class WorkflowValidationError extends Error {
  override name = 'WorkflowValidationError';
  constructor(readonly problems: string[]) {
    super(`The workflow is not valid: ${problems.join('; ')}`);
  }
}

/** Validates a document; `knownAction` says whether `connector.action` exists. Throws with every problem. */
export function parseWorkflow(raw: unknown, knownAction: (name: string) => boolean): WorkflowDocument {
  const parsed = workflowSchema.safeParse(raw);
  if (!parsed.success) {
    throw new WorkflowValidationError(
      parsed.error.issues.map((issue) => `${describePath(raw, issue.path)}: ${issue.message}`),
    );
  }
  const doc = parsed.data;
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const step of doc.steps) {
    if (ids.has(step.id)) problems.push(`step "${step.id}": the id is used twice`);
    ids.add(step.id);
  }
  for (const step of doc.steps) {
    const where = `step "${step.id}"`;
    if (!knownAction(step.action)) problems.push(`${where}, action: there is no action "${step.action}"`);
    for (const need of step.needs) {
      if (!ids.has(need)) problems.push(`${where}, needs: there is no step "${need}"`);
      if (need === step.id) problems.push(`${where}, needs: a step cannot need itself`);
    }
    const before = ancestors(doc, step.id);
    const check = (expression: string, field: string) => {
      try {
        compileExpression(expression);
      } catch (error) {
        problems.push(`${where}, ${field}: ${(error as Error).message}`);
        return;
      }
      for (const ref of expression.matchAll(/\bsteps\.([a-z][a-z0-9_]*)/g)) {
        if (!before.has(ref[1]!)) {
          problems.push(`${where}, ${field}: it reads steps.${ref[1]}, which is not among the steps it needs`);
        }
      }
    };
    if (step.when) check(step.when, 'when');
    for (const [field, value] of Object.entries(step.input)) {
      for (const expression of templateExpressions(value)) check(expression, `input.${field}`);
    }
    if (step.compensate) {
      if (!knownAction(step.compensate.action)) problems.push(`${where}, compensate.action: there is no action "${step.compensate.action}"`);
      before.add(step.id); // a compensation may read the output of the step it undoes
      for (const [field, value] of Object.entries(step.compensate.input)) {
        for (const expression of templateExpressions(value)) check(expression, `compensate.input.${field}`);
      }
    }
  }
  const cycle = findCycle(doc);
  if (cycle) problems.push(`needs: the steps ${cycle.join(' -> ')} wait on each other in a circle`);
  if (doc.trigger.clientKey) {
    try {
      compileExpression(doc.trigger.clientKey);
    } catch (error) {
      problems.push(`trigger.clientKey: ${(error as ExpressionError).message}`);
    }
  }
  if (problems.length) throw new WorkflowValidationError(problems);
  return doc;
}

function describePath(raw: unknown, path: PropertyKey[]): string {
  // Name steps by id rather than by index: "steps[2].action" means little to a person.
  const parts: string[] = [];
  let node: unknown = raw;
  for (const key of path) {
    const stepIdHere = Array.isArray(node) && parts.at(-1) === 'steps' ? (node[key as number] as { id?: unknown })?.id : undefined;
    if (typeof stepIdHere === 'string') parts[parts.length - 1] = `step "${stepIdHere}"`;
    else parts.push(String(key));
    node = (node as Record<PropertyKey, unknown> | undefined)?.[key];
  }
  return parts.join('.') || 'the document';
}

/** Every step `id` transitively needs. */
export function ancestors(doc: WorkflowDocument, id: string): Set<string> {
  const byId = new Map(doc.steps.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const stack = [...(byId.get(id)?.needs ?? [])];
  while (stack.length) {
    const next = stack.pop()!;
    if (seen.has(next)) continue;
    seen.add(next);
    stack.push(...(byId.get(next)?.needs ?? []));
  }
  return seen;
}

function findCycle(doc: WorkflowDocument): string[] | undefined {
  const byId = new Map(doc.steps.map((s) => [s.id, s]));
  const state = new Map<string, 'visiting' | 'done'>();
  const path: string[] = [];
  const visit = (id: string): string[] | undefined => {
    if (state.get(id) === 'done') return undefined;
    if (state.get(id) === 'visiting') return [...path.slice(path.indexOf(id)), id];
    state.set(id, 'visiting');
    path.push(id);
    for (const need of byId.get(id)?.needs ?? []) {
      const found = byId.has(need) ? visit(need) : undefined;
      if (found) return found;
    }
    path.pop();
    state.set(id, 'done');
    return undefined;
  };
  for (const step of doc.steps) {
    const found = visit(step.id);
    if (found) return found;
  }
  return undefined;
}

/** Compensation steps live beside the workflow's own, under a prefix no user step id can have. */
export const UNDO_PREFIX = 'undo:';

/**
 * The definition of a run's step: one of the workflow's, or the compensation of one (`undo:<id>`), which runs
 * after the compensations of every step that needed it.
 */
export function stepDefinition(doc: WorkflowDocument, stepId: string): StepDefinition | undefined {
  if (!stepId.startsWith(UNDO_PREFIX)) return doc.steps.find((s) => s.id === stepId);
  const original = doc.steps.find((s) => s.id === stepId.slice(UNDO_PREFIX.length));
  if (!original?.compensate) return undefined;
  return {
    id: stepId,
    name: `Undo ${original.name ?? original.id}`,
    action: original.compensate.action,
    input: original.compensate.input,
    needs: doc.steps.filter((s) => s.compensate && s.needs.includes(original.id)).map((s) => `${UNDO_PREFIX}${s.id}`),
    retry: original.retry,
    timeoutMs: original.timeoutMs,
  };
}
