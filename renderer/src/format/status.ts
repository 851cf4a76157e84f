/** Words and colour tones for every status in the contract; colour is never the only signal (text is always shown). */
import type { AttemptStatus, RunStatus, StepStatus } from '../../../preload/api';

export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';
export type AnyStatus = RunStatus | StepStatus | AttemptStatus;

const labels: Record<AnyStatus, string> = {
  running: 'Running',
  completed: 'Completed',
  needs_attention: 'Needs attention',
  cancelled: 'Cancelled',
  pending: 'Pending',
  queued: 'Queued',
  succeeded: 'Succeeded',
  skipped: 'Skipped',
  in_flight: 'In flight',
  failed: 'Failed',
  interrupted: 'Interrupted',
};

const tones: Record<AnyStatus, Tone> = {
  running: 'info',
  completed: 'success',
  needs_attention: 'danger',
  cancelled: 'neutral',
  pending: 'neutral',
  queued: 'info',
  succeeded: 'success',
  skipped: 'neutral',
  in_flight: 'info',
  failed: 'danger',
  interrupted: 'warning',
};

export function statusLabel(status: AnyStatus): string {
  return labels[status] ?? status;
}

export function statusTone(status: AnyStatus): Tone {
  return tones[status] ?? 'neutral';
}

/** The run statuses in the order the filter offers them: what needs a person first. */
export const runStatuses: readonly RunStatus[] = ['needs_attention', 'running', 'completed', 'cancelled'];
