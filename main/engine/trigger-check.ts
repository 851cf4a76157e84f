/**
 * Whether a workflow can start from a trigger payload: each step that reads only the trigger (it needs no
 * other step) is taken the way the engine will take it — its condition, its input mapping, its action's
 * schema — so an edited payload that would fail at once is refused before a run starts. Steps that read earlier
 * outputs cannot be judged before those outputs exist; they are left to the run.
 */
import type { ConnectorRegistry } from '../connectors/connector';
import type { ExpressionScope } from './expressions';
import { judgeStep } from './step-judgement';
import type { WorkflowDocument } from './workflow';

/** Each problem names the step and what is wrong, e.g. `step "stripe_customer", input.email: Invalid email address`. */
export function triggerProblems(doc: WorkflowDocument, trigger: unknown, registry: ConnectorRegistry): string[] {
  const scope: ExpressionScope = { trigger, steps: {} };
  const problems: string[] = [];
  for (const step of doc.steps.filter((s) => s.needs.length === 0)) {
    const judged = judgeStep(step, scope, registry);
    if (judged.outcome !== 'error') continue;
    // The schema's message already starts with `input.<field>`.
    problems.push(judged.part === 'schema' ? `step "${step.id}", ${judged.message}` : `step "${step.id}", ${judged.part}: ${judged.message}`);
  }
  return problems;
}
