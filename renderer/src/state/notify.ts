/**
 * Desktop notifications in the browser shell, for runs that need a person, when Settings allows them. (The
 * desktop app notifies from its main process.)
 */
import type { ConsoleEvents } from '../../../preload/api';
import { href } from '../router/route';
import { usePreferences } from './preferences';

export function notifyNeedsAttention({ run, reason }: ConsoleEvents['run.needsAttention']): void {
  if (!usePreferences.getState().notifications) return;
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  const note = new Notification(`Needs attention: ${run.clientKey ?? run.workflowName}`, { body: reason, tag: `attention-${run.id}` });
  note.onclick = () => {
    window.focus();
    window.location.hash = href({ name: 'run', runId: run.id });
  };
}
