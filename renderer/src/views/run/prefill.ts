/**
 * The input to prefill "retry from here" with: what the step last sent, or, when its input could not even be
 * built (a bad email in the trigger), what the run's own workflow version would build from its trigger — the
 * dry run computes that, invalid values included, so the user sees exactly what to fix.
 */
import type { RunDetail } from '../../../../preload/api';
import { api } from '../../keel';
import { asDocument } from '../../workflows/document';
import { previewMapping } from '../../workflows/templates';

export async function inputToEdit(detail: RunDetail, stepId: string): Promise<{ input: unknown; source: 'last' | 'mapping' | 'none' }> {
  const step = detail.steps.find((s) => s.stepId === stepId);
  if (step && step.input !== null && step.input !== undefined) return { input: step.input, source: 'last' };
  const workflow = await api.getWorkflow({ workflowId: detail.run.workflowId, version: detail.run.workflowVersion });
  if (!workflow.ok) return { input: {}, source: 'none' };
  const dry = await api.dryRunWorkflow({ document: workflow.value.document, trigger: detail.trigger });
  const built = dry.ok ? dry.value.steps.find((s) => s.stepId === stepId)?.input : undefined;
  if (built !== undefined && built !== null) return { input: built, source: 'mapping' };
  // The dry run has no outputs of this run's earlier steps; preview the mapping with them instead.
  const mapping = asDocument(workflow.value.document)?.steps.find((s) => s.id === stepId)?.input;
  if (mapping === undefined) return { input: {}, source: 'none' };
  const steps = Object.fromEntries(detail.steps.map((s) => [s.stepId, { output: s.output }]));
  return { input: previewMapping(mapping, { trigger: detail.trigger, steps }), source: 'mapping' };
}

/** Parses the editor's text, naming the line of a syntax error in words. `what` names what is edited. */
export function parseEditedJson(text: string, what: 'input' | 'trigger' = 'input'): { ok: true; value: unknown } | { ok: false; message: string } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return { ok: false, message: `The ${what} is not valid JSON (${detail}). Fix it before ${what === 'input' ? 'retrying' : 'replaying'}.` };
  }
}
