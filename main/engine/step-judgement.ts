/**
 * A step taken the way the engine takes it before any call: its `when` condition, then its input mapping, then
 * its action's input schema. The engine starts attempts with it, a replay with an edited trigger checks the
 * trigger with it, and the console's dry run shows it, so all three say the same thing about a step.
 */
import type { ConnectorRegistry } from '../connectors/connector';
import { evaluateCondition, renderMapping, type ExpressionScope } from './expressions';
import type { StepDefinition } from './workflow';

export type StepJudgement =
  | { outcome: 'skip' }
  | { outcome: 'run'; input: unknown }
  /** `part`: which of the three failed; `input` is the mapped input when only the schema refused it. */
  | { outcome: 'error'; part: 'when' | 'input' | 'schema'; message: string; input?: unknown };

export function judgeStep(step: Pick<StepDefinition, 'when' | 'input' | 'action'>, scope: ExpressionScope, registry: ConnectorRegistry): StepJudgement {
  if (step.when) {
    try {
      if (!evaluateCondition(step.when, scope)) return { outcome: 'skip' };
    } catch (error) {
      return { outcome: 'error', part: 'when', message: (error as Error).message };
    }
  }
  let input: unknown;
  try {
    input = renderMapping(step.input, scope);
  } catch (error) {
    return { outcome: 'error', part: 'input', message: (error as Error).message };
  }
  const checked = checkActionInput(registry, step.action, input);
  return checked.ok ? { outcome: 'run', input: checked.input } : { outcome: 'error', part: 'schema', message: checked.message, input };
}

/** An input against its action's schema (defaults applied); a refusal names the field: `input.email: Invalid email`. */
export function checkActionInput(registry: ConnectorRegistry, action: string, input: unknown): { ok: true; input: unknown } | { ok: false; message: string } {
  const found = registry.action(action);
  if (!found) return { ok: false, message: `there is no action "${action}"` };
  const parsed = found.action.input.safeParse(input);
  if (parsed.success) return { ok: true, input: parsed.data };
  const issue = parsed.error.issues[0]!;
  return { ok: false, message: `input.${issue.path.join('.') || '(root)'}: ${issue.message}` };
}
