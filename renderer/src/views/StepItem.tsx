import type { ReactNode } from 'react';
import type { StepView } from '../../../preload/api';
import { JsonBlock } from '../components/JsonBlock';
import { StatusPill } from '../components/StatusPill';
import { Timestamp } from '../components/Timestamp';
import { statusTone } from '../format/status';
import { formatRelative } from '../format/time';
import { useNow } from '../hooks/useNow';

/** One step on the timeline: what it does, what it waits for, and what happened, in words. */
export function StepItem({ step, nameOf, actions, selected = false }: { step: StepView; nameOf: (stepId: string) => string; actions?: ReactNode; selected?: boolean }) {
  const waiting = step.status === 'queued' && step.nextAttemptAt !== null;
  const now = useNow(waiting);
  return (
    <li className={`step tone-${statusTone(step.status)}${selected ? ' step-selected' : ''}`} id={`step-${step.stepId}`} data-testid="step" data-step-id={step.stepId} data-status={step.status}>
      <span className="step-marker" aria-hidden="true" />
      <div className="step-body">
        <div className="step-head">
          <h3 className="step-name">{step.name}</h3>
          <code className="step-action">{step.action}</code>
          <StatusPill status={step.status} />
        </div>
        <dl className="facts facts-compact">
          <div>
            <dt>Needs</dt>
            <dd>{step.needs.length ? step.needs.map(nameOf).join(', ') : 'Nothing: it starts with the run'}</dd>
          </div>
          {step.when !== null && (
            <div>
              <dt>Runs when</dt>
              <dd>
                <code>{step.when}</code>
              </dd>
            </div>
          )}
          <div>
            <dt>Attempts</dt>
            <dd>{step.attempts}</dd>
          </div>
          {step.startedAt !== null && (
            <div>
              <dt>Started</dt>
              <dd>
                <Timestamp ms={step.startedAt} />
              </dd>
            </div>
          )}
          {step.finishedAt !== null && (
            <div>
              <dt>Finished</dt>
              <dd>
                <Timestamp ms={step.finishedAt} />
              </dd>
            </div>
          )}
          {waiting && (
            <div>
              <dt>Next attempt</dt>
              <dd>
                <Timestamp ms={step.nextAttemptAt} /> <span className="muted">({formatRelative(step.nextAttemptAt!, now)})</span>
              </dd>
            </div>
          )}
        </dl>
        {step.error && (
          <p className="step-error">
            <strong>{step.error.kind === 'retryable' ? 'Retryable error' : 'Permanent error'}</strong>
            {step.error.code && <code className="step-error-code">{step.error.code}</code>}
            <span>{step.error.message}</span>
          </p>
        )}
        {step.note && (
          <p className="step-note">
            <span className="step-note-label">{step.status === 'skipped' ? 'Skipped because' : 'Note'}:</span> {step.note}
          </p>
        )}
        {actions}
        {(step.input != null || step.output != null) && (
          <div className="step-data">
            {step.input != null && <JsonBlock label="Input" value={step.input} />}
            {step.output != null && <JsonBlock label="Output" value={step.output} />}
          </div>
        )}
      </div>
    </li>
  );
}
