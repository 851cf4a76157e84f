/**
 * Places the core's check problems next to the step they are about. The core names a step as `step "id"` and a
 * circle as `the steps a -> b -> a`; a problem that names no step (the trigger, the document) stays general.
 */
const escape = (id: string) => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function mentionsStep(problem: string, stepId: string): boolean {
  const id = escape(stepId);
  if (new RegExp(`step "${id}"`).test(problem)) return true;
  const circle = /the steps (.+) wait on each other in a circle/.exec(problem);
  return circle ? circle[1]!.split(' -> ').includes(stepId) : false;
}

export function placeProblems(problems: readonly string[], stepIds: readonly string[]): { byStep: Map<string, string[]>; general: string[] } {
  const byStep = new Map<string, string[]>(stepIds.map((id) => [id, []]));
  const general: string[] = [];
  for (const problem of problems) {
    const steps = stepIds.filter((id) => mentionsStep(problem, id));
    if (steps.length === 0) general.push(problem);
    for (const id of steps) byStep.get(id)!.push(problem);
  }
  return { byStep, general };
}
