import { useEffect, useState, type ReactNode } from 'react';
import type { LedgerEntryView, RunDetail } from '../../../preload/api';
import { EmptyState } from '../components/EmptyState';
import { JsonBlock } from '../components/JsonBlock';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { StatusPill } from '../components/StatusPill';
import { href } from '../router/route';
import { LEDGER_LIMIT, useRunDetail } from '../state/runDetail';
import { AttemptsTable } from './AttemptsTable';
import { LedgerTable } from './LedgerTable';
import { RunFacts } from './RunFacts';
import { StepTimeline } from './StepTimeline';
import { PayloadInspector } from './payload/PayloadInspector';
import { RunActions } from './run/OperatorActions';
import { ReplayOrigin } from './run/ReplayOrigin';
import { TimelineChart } from './run/TimelineChart';

export function RunDetailView({ runId }: { runId: string }) {
  const detail = useRunDetail((s) => s.detail);
  const ledger = useRunDetail((s) => s.ledger);
  const error = useRunDetail((s) => s.error);
  const ledgerError = useRunDetail((s) => s.ledgerError);
  const refresh = () => void useRunDetail.getState().refresh();

  useEffect(() => {
    useRunDetail.getState().open(runId);
    return () => useRunDetail.getState().close();
  }, [runId]);

  const notFound = !detail && error?.code === 'not_found';
  // The heading exists from the first frame (App moves focus to it on navigation) and names the run once known.
  const title = detail ? (detail.run.clientKey ?? 'Run without a client key') : notFound ? 'Run not found' : 'Run';

  return (
    // The test id appears with the loaded detail, so waiting for it means waiting for the run.
    <section
      className="page"
      aria-labelledby="run-title"
      data-testid={detail ? 'run-detail' : undefined}
      data-run-id={detail?.run.id}
      data-status={detail?.run.status}
    >
      <p className="back">
        <a href={href({ name: 'runs' })}>← All runs</a>
      </p>
      <div className="run-title">
        <h1 id="run-title" tabIndex={-1}>
          {title}
        </h1>
        {detail && <StatusPill status={detail.run.status} />}
        {detail && <RunActions detail={detail} />}
      </div>
      {notFound && (
        <EmptyState title="There is no run with this ID.">
          It may belong to another Keel data folder. Go back to <a href={href({ name: 'runs' })}>Runs</a>.
        </EmptyState>
      )}
      {!detail && error && error.code !== 'not_found' && <Problem title="The run could not be loaded." error={error} onRetry={refresh} />}
      {!detail && !error && <Loading>Loading the run…</Loading>}
      {detail && (
        <RunDetailBody
          detail={detail}
          ledger={ledger}
          ledgerProblem={ledgerError && <Problem title="The run's ledger could not be loaded." error={ledgerError} onRetry={refresh} />}
        >
          {error && <Problem title="The run could not be refreshed; showing what was last loaded." error={error} onRetry={refresh} />}
        </RunDetailBody>
      )}
    </section>
  );
}

interface BodyProps {
  detail: RunDetail;
  ledger: LedgerEntryView[] | null;
  ledgerProblem: ReactNode;
  children: ReactNode;
}

function RunDetailBody({ detail, ledger, ledgerProblem, children }: BodyProps) {
  const names = new Map(detail.steps.map((s) => [s.stepId, s.name]));
  const nameOf = (stepId: string) => names.get(stepId) ?? stepId;
  const [selected, setSelected] = useState<string | null>(null);
  const select = (stepId: string) => {
    setSelected(stepId);
    document.getElementById(`step-${stepId}`)?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  return (
    <article className="run-detail">
      <RunFacts run={detail.run} />
      <ReplayOrigin replayOf={detail.replayOf} />
      {children}
      <section className="panel" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <p className="small muted">Each bar is a step; solid segments are attempts, dashed ones the backoff waits between them. Select a bar to see its step and its requests.</p>
        <TimelineChart detail={detail} selected={selected} onSelect={select} />
      </section>
      <section className="panel" aria-labelledby="steps-title">
        <h2 id="steps-title">Steps</h2>
        <StepTimeline detail={detail} nameOf={nameOf} selected={selected} />
      </section>
      <section className="panel" aria-labelledby="payloads-title">
        <h2 id="payloads-title">Requests and responses</h2>
        <PayloadInspector detail={detail} focusStepId={selected} />
      </section>
      <section className="panel" aria-labelledby="attempts-title">
        <h2 id="attempts-title">Attempts</h2>
        <AttemptsTable attempts={detail.attempts} nameOf={nameOf} />
      </section>
      <section className="panel" aria-labelledby="trigger-title">
        <h2 id="trigger-title">Trigger</h2>
        <JsonBlock label="Trigger payload" value={detail.trigger} open />
      </section>
      <section className="panel" aria-labelledby="ledger-title">
        <h2 id="ledger-title">Ledger</h2>
        {ledgerProblem}
        {ledger ? <LedgerTable entries={ledger} /> : !ledgerProblem && <Loading>Loading ledger entries…</Loading>}
        {ledger && ledger.length >= LEDGER_LIMIT && (
          <p className="muted note">Showing {LEDGER_LIMIT} entries; this run has more in the ledger.</p>
        )}
      </section>
    </article>
  );
}
