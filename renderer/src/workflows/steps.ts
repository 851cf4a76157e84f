/**
 * Adding, removing and reordering a workflow's steps in a draft. The document's order is the order a person reads
 * (and the dry run walks), so it is kept such that every step comes after the steps it needs.
 */
import type { WorkflowDocument, WorkflowStep } from './document';

export interface NewStep {
  id: string;
  name?: string;
  action: string;
  needs: string[];
  input: Record<string, unknown>;
}

/** Appends the step: after everything, so after everything it needs. */
export function addStep(doc: WorkflowDocument, step: NewStep): WorkflowDocument {
  const { name, ...rest } = step;
  return { ...doc, steps: [...doc.steps, { ...rest, ...(name?.trim() && { name: name.trim() }) }] };
}

/** Steps that list `stepId` in their needs. */
export function dependentsOf(doc: WorkflowDocument, stepId: string): WorkflowStep[] {
  return doc.steps.filter((s) => s.needs?.includes(stepId));
}

/** Other steps whose condition, input or compensation reads `steps.<stepId>`: they break when it goes. */
export function readersOf(doc: WorkflowDocument, stepId: string): WorkflowStep[] {
  const reads = new RegExp(`\\bsteps\\.${stepId}\\b`);
  return doc.steps.filter((s) => s.id !== stepId && reads.test(JSON.stringify([s.when ?? '', s.input ?? null, s.compensate ?? null])));
}

/**
 * Removes a step. Each step that needed it needs what it needed instead, so the order around the gap holds
 * (removing "invite" from channel -> invite -> welcome leaves welcome after channel, not first).
 */
export function removeStep(doc: WorkflowDocument, stepId: string): WorkflowDocument {
  const removed = doc.steps.find((s) => s.id === stepId);
  if (!removed) return doc;
  const inherited = removed.needs ?? [];
  const steps = doc.steps
    .filter((s) => s.id !== stepId)
    .map((s) => {
      if (!s.needs?.includes(stepId)) return s;
      const needs = s.needs.flatMap((n) => (n === stepId ? inherited : [n]));
      return { ...s, needs: [...new Set(needs)] };
    });
  return { ...doc, steps };
}

/**
 * Moves a step one place up (-1) or down (+1). Null when it cannot: at an end, or when it would pass a step it
 * needs (up) or one that needs it (down).
 */
export function moveStep(doc: WorkflowDocument, stepId: string, by: -1 | 1): WorkflowDocument | null {
  const at = doc.steps.findIndex((s) => s.id === stepId);
  const to = at + by;
  if (at < 0 || to < 0 || to >= doc.steps.length) return null;
  const [upper, lower] = by === -1 ? [doc.steps[to]!, doc.steps[at]!] : [doc.steps[at]!, doc.steps[to]!];
  if (lower.needs?.includes(upper.id)) return null;
  const steps = [...doc.steps];
  steps[at] = doc.steps[to]!;
  steps[to] = doc.steps[at]!;
  return { ...doc, steps };
}

/**
 * The steps in an order where each comes after what it needs, disturbing the current order as little as possible
 * (a step moves down only as far as it must). Unchanged when steps wait on each other in a circle: there is no
 * such order, and the check names the circle.
 */
export function orderByNeeds(doc: WorkflowDocument): WorkflowDocument {
  const ids = new Set(doc.steps.map((s) => s.id));
  const placed = new Set<string>();
  const pending = [...doc.steps];
  const ordered: WorkflowStep[] = [];
  while (pending.length) {
    const next = pending.findIndex((s) => (s.needs ?? []).every((n) => placed.has(n) || !ids.has(n)));
    if (next < 0) return doc;
    const [step] = pending.splice(next, 1);
    ordered.push(step!);
    placed.add(step!.id);
  }
  return ordered.every((s, i) => s === doc.steps[i]) ? doc : { ...doc, steps: ordered };
}
