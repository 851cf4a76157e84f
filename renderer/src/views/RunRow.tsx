import type { MouseEvent } from 'react';
import type { RunSummary } from '../../../preload/api';
import { StatusPill } from '../components/StatusPill';
import { Timestamp } from '../components/Timestamp';
import { formatDuration, runDuration } from '../format/time';
import { useNow } from '../hooks/useNow';
import { href } from '../router/route';
import { navigate } from '../router/useRoute';

/**
 * One run. The client key is a real link (keyboard, middle-click, screen readers); a click anywhere else on the
 * row opens the run too, for mouse users, unless they were selecting text.
 */
export function RunRow({ run, rowIndex }: { run: RunSummary; rowIndex?: number }) {
  const now = useNow(run.status === 'running' && run.finishedAt === null);
  const to = href({ name: 'run', runId: run.id });

  function openFromRow(event: MouseEvent<HTMLTableRowElement>) {
    if ((event.target as HTMLElement).closest('a, button')) return;
    if (window.getSelection()?.toString()) return;
    navigate(to);
  }

  return (
    <tr className="run-row" aria-rowindex={rowIndex} data-testid="run-row" data-run-id={run.id} data-status={run.status} onClick={openFromRow}>
      <td>
        <StatusPill status={run.status} />
      </td>
      <td>
        <a className="row-link" href={to}>
          {run.clientKey ?? 'No client key'}
        </a>
        <div className="sub mono" title={run.id}>
          {run.id.slice(0, 8)}
        </div>
      </td>
      <td>
        {run.workflowName} <span className="muted">v{run.workflowVersion}</span>
      </td>
      <td>
        <Timestamp ms={run.createdAt} />
      </td>
      <td className="num">{formatDuration(runDuration(run, now))}</td>
      <td className="num">
        <span className="steps-count">
          {run.stepsDone}/{run.stepCount}
        </span>
        <progress className="steps-bar" max={Math.max(run.stepCount, 1)} value={run.stepsDone} aria-hidden="true" />
      </td>
      <td className="num">{run.attempts}</td>
    </tr>
  );
}

/** A row whose page is still on its way: the same height, so the scrollbar and the rows below stay put. */
export function RunRowPending({ rowIndex }: { rowIndex: number }) {
  return (
    <tr className="run-row run-row-pending" aria-rowindex={rowIndex} aria-busy="true" data-testid="run-row-pending">
      <td colSpan={7}>
        <span className="muted">Loading…</span>
      </td>
    </tr>
  );
}
