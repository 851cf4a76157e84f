/** Run summaries for the shell's tests. */
import type { RunSummary } from '../../preload/api';

export function runSummary(id: string, change: Partial<RunSummary> = {}): RunSummary {
  return {
    id, workflowId: 'client-onboarding', workflowName: 'Client onboarding', workflowVersion: 1, clientKey: `C-${id}`,
    status: 'needs_attention', createdAt: 0, updatedAt: 0, finishedAt: null, attempts: 3, stepCount: 7, stepsDone: 2,
    ...change,
  };
}
