/**
 * Shown on every page while the webhook intake is paused, so nobody wonders why no runs arrive. It follows the
 * state live: a pause from the tray or another window appears at once.
 */
import { useEffect } from 'react';
import { href } from '../router/route';
import { followIntake, useIntake } from '../state/intake';
import { Timestamp } from './Timestamp';

/** What a pause means for senders, in the words both the banner and Settings use. */
export const WHILE_PAUSED =
  'Webhooks are answered “503, retry later” and nothing is stored; providers that retry send them again after you resume.';

export function IntakePausedBanner() {
  const view = useIntake((s) => s.view);
  useEffect(() => followIntake(), []);
  if (!view?.paused) return null;
  return (
    <div className="callout" role="status" data-testid="intake-paused-banner">
      <p>
        <strong>Intake paused</strong> since <Timestamp ms={view.since} /> by {view.who} ({view.why}). {WHILE_PAUSED}{' '}
        <a href={href({ name: 'settings' })}>Resume in Settings</a>
      </p>
    </div>
  );
}
