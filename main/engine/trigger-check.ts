/**
 * Whether a workflow can start from a trigger payload: each step that reads only the trigger (it needs no
 * other step) is taken the way the engine will take it — its condition, its input mapping, its action's
 * schema — so an edited payload that would fail at once is refused before a run starts. Steps that read earlier
 * outputs cannot be judged before those outputs exist; they are left to the run.
 */
import type { ConnectorRegistry } from '../connectors/connector';
import { evaluateCondition, renderMapping, type ExpressionScope } from './expressions';
import type { WorkflowDocument } from './workflow';

/** Each problem names the step and what is wrong, e.g. `step "stripe_customer", input.email: Invalid email address`. */
export function triggerProblems(doc: WorkflowDocument, trigger: unknown, registry: ConnectorRegistry): string[] {
  const scope: ExpressionScope = { trigger, steps: {} };
  const problems: string[] = [];
  for (const step of doc.steps.filter((s) => s.needs.length === 0)) {
    const where = `step "${step.id}"`;
    try {
      if (step.when && !evaluateCondition(step.when, scope)) continue;
    } catch (error) {
      problems.push(`${where}, when: ${(error as Error).message}`);
      continue;
    }
    let input: unknown;
    try {
      input = renderMapping(step.input, scope);
    } catch (error) {
      problems.push(`${where}, input: ${(error as Error).message}`);
      continue;
    }
    const parsed = registry.action(step.action)?.action.input.safeParse(input);
    if (parsed && !parsed.success) {
      const issue = parsed.error.issues[0]!;
      problems.push(`${where}, input.${issue.path.join('.') || '(root)'}: ${issue.message}`);
    }
  }
  return problems;
}
