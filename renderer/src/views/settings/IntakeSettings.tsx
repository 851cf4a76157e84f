/**
 * Settings → Webhook intake: pause and resume taking deliveries. Both ask who and why (recorded in the ledger);
 * the state is the one the banner shows, kept live by `intake.changed`.
 */
import { useState } from 'react';
import { ActionDialog } from '../../components/ActionDialog';
import { WHILE_PAUSED } from '../../components/IntakePausedBanner';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { Timestamp } from '../../components/Timestamp';
import { api } from '../../keel';
import { useIntake } from '../../state/intake';

export function IntakeSettings() {
  const view = useIntake((s) => s.view);
  const error = useIntake((s) => s.error);
  const [asking, setAsking] = useState(false);

  if (error && !view) return <Problem title="Whether the intake is paused could not be read." error={error} onRetry={() => void useIntake.getState().load()} />;
  if (!view) return <Loading>Loading the intake…</Loading>;
  const pausing = !view.paused;

  return (
    <div data-testid="intake-settings">
      <p className="small">
        <span className="pill" data-testid="intake-state" data-state={view.paused ? 'paused' : 'receiving'}>
          {view.paused ? 'Paused' : 'Receiving webhooks'}
        </span>
        {view.paused && (
          <span className="muted">
            {' '}since <Timestamp ms={view.since} /> by {view.who} ({view.why})
          </span>
        )}
      </p>
      <p className="muted small">
        While paused, every webhook is answered 503 with Retry-After: {view.retryAfterSeconds} s; nothing is stored or run. Providers that retry
        send them again after you resume: Stripe for up to three days, Slack for a few minutes. GitHub does not retry: redeliver from its
        webhook settings. The pause lasts through restarts until someone resumes.
      </p>
      <div className="dialog-actions">
        <button type="button" className={pausing ? 'btn' : 'btn btn-primary'} onClick={() => setAsking(true)} data-testid={pausing ? 'intake-pause' : 'intake-resume'}>
          {pausing ? 'Pause intake' : 'Resume intake'}
        </button>
      </div>
      {asking && (
        <ActionDialog
          title={pausing ? 'Pause the webhook intake' : 'Resume the webhook intake'}
          description={pausing
            ? <>Keel will stop taking webhooks until someone resumes. {WHILE_PAUSED}</>
            : <>Keel will take webhooks again, and runs start as deliveries arrive.</>}
          submitLabel={pausing ? 'Pause intake' : 'Resume intake'}
          testId="intake-dialog"
          onSubmit={(actor) => (pausing ? api.pauseIntake({ actor }) : api.resumeIntake({ actor }))}
          onDone={(next) => {
            useIntake.getState().show(next);
            setAsking(false);
          }}
          onClose={() => setAsking(false)}
        />
      )}
    </div>
  );
}
