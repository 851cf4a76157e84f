/**
 * A step's `needs`: the steps that must finish before it starts. The core refuses a document whose steps wait on
 * each other in a circle (checkWorkflow); these answer the same question while a person edits, so the circle can
 * be named next to the step that closes it, and the steps that would close one can be marked before they are picked.
 */
import { updateStep, type WorkflowDocument } from './document';
import { orderByNeeds } from './steps';

const needsOf = (doc: WorkflowDocument, id: string): string[] => doc.steps.find((s) => s.id === id)?.needs ?? [];

/**
 * Sets a step's needs, in document order (as a person reads them), without duplicates or unknown steps; a step
 * that now needs one below it moves down past it.
 */
export function setNeeds(doc: WorkflowDocument, stepId: string, needs: readonly string[]): WorkflowDocument {
  const wanted = new Set(needs);
  const ordered = doc.steps.map((s) => s.id).filter((id) => wanted.has(id));
  return orderByNeeds(updateStep(doc, stepId, (step) => ({ ...step, needs: ordered })));
}

/** Adds or drops one step from another's needs. */
export function toggleNeed(doc: WorkflowDocument, stepId: string, need: string, on: boolean): WorkflowDocument {
  const current = needsOf(doc, stepId);
  return setNeeds(doc, stepId, on ? [...current, need] : current.filter((n) => n !== need));
}

/** Every step that waits, directly or through others, for `stepId`: making it a need of `stepId` closes a circle. */
export function waitingOn(doc: WorkflowDocument, stepId: string): Set<string> {
  const found = new Set<string>();
  const queue = [stepId];
  while (queue.length) {
    const at = queue.shift()!;
    for (const step of doc.steps) {
      if (!found.has(step.id) && step.needs?.includes(at)) {
        found.add(step.id);
        queue.push(step.id);
      }
    }
  }
  return found;
}

/**
 * The circle through `stepId`, if its needs lead back to it: `[a, b, a]` reads "a needs b, b needs a". Breadth
 * first, so the shortest circle is the one named.
 */
export function cycleThrough(doc: WorkflowDocument, stepId: string): string[] | null {
  const cameFrom = new Map<string, string>();
  const queue = [stepId];
  while (queue.length) {
    const at = queue.shift()!;
    for (const need of needsOf(doc, at)) {
      if (need === stepId) {
        const path = [stepId];
        for (let back: string | undefined = at; back !== undefined && back !== stepId; back = cameFrom.get(back)) path.push(back);
        return [stepId, ...path.slice(1).reverse(), stepId];
      }
      if (!cameFrom.has(need)) {
        cameFrom.set(need, at);
        queue.push(need);
      }
    }
  }
  return null;
}
