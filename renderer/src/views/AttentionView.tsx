import { useEffect, useMemo, useRef, useState } from 'react';
import type { Actor, AttentionItem, Result } from '../../../preload/api';
import { ActionDialog } from '../components/ActionDialog';
import { EmptyState } from '../components/EmptyState';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { Timestamp } from '../components/Timestamp';
import { formatRelative } from '../format/time';
import { useNow } from '../hooks/useNow';
import { api } from '../keel';
import { href } from '../router/route';
import { useAttention } from '../state/attention';
import { SelectAll } from './attention/SelectAll';

type Bulk = { kind: 'retry' | 'replay' } | null;
interface Progress {
  done: number;
  total: number;
  failed: string[];
}

/** Retries every stuck step of every listed run, one call at a time, reporting progress as it goes. */
async function retryAll(items: AttentionItem[], actor: Actor, onProgress: (p: Progress) => void, cancelled: () => boolean): Promise<Progress> {
  const progress: Progress = { done: 0, total: items.length, failed: [] };
  for (const item of items) {
    if (cancelled()) break;
    const detail = await api.getRun({ runId: item.run.id });
    const stuck = detail.ok ? detail.value.steps.filter((s) => s.status === 'needs_attention' || s.status === 'queued') : [];
    if (!detail.ok) progress.failed.push(`${item.run.clientKey ?? item.run.id}: ${detail.error.message}`);
    for (const step of stuck) {
      const result = await api.retryStep({ runId: item.run.id, stepId: step.stepId, actor });
      if (!result.ok) progress.failed.push(`${item.run.clientKey ?? item.run.id} / ${step.name}: ${result.error.message}`);
    }
    progress.done++;
    onProgress({ ...progress });
  }
  return progress;
}

export function AttentionView() {
  const items = useAttention((s) => s.items);
  const error = useAttention((s) => s.error);
  const now = useNow(true);
  const [bulk, setBulk] = useState<Bulk>(null);
  const [version, setVersion] = useState<'pinned' | 'current'>('pinned');
  const [progress, setProgress] = useState<Progress | null>(null);
  const [outcome, setOutcome] = useState<string | null>(null);
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const stopRequested = useRef(false);
  const load = () => void useAttention.getState().load();

  useEffect(load, []);

  // The selection holds only runs still in the queue (a fixed run leaves it, and its checkbox with it).
  const selected = useMemo(() => new Set(items?.filter((i) => picked.has(i.run.id)).map((i) => i.run.id)), [items, picked]);
  // Nothing picked: the bulk actions take every run listed, as they say.
  const targets = selected.size ? (items ?? []).filter((i) => selected.has(i.run.id)) : (items ?? []);
  const count = targets.length;
  const runs = `${count} run${count === 1 ? '' : 's'}`;
  const toggle = (runId: string, on: boolean) =>
    setPicked((p) => {
      const next = new Set(p);
      if (on) next.add(runId);
      else next.delete(runId);
      return next;
    });

  async function submit(actor: Actor): Promise<Result<string>> {
    if (!items) return { ok: true, value: '' };
    if (bulk?.kind === 'replay') {
      const runIds = selected.size ? [...selected] : undefined;
      const result = await api.bulkReplay({ filter: { status: 'needs_attention', ...(runIds && { runIds }) }, version, actor });
      return result.ok ? { ok: true, value: `Started ${result.value.runIds.length} new run${result.value.runIds.length === 1 ? '' : 's'}.` } : result;
    }
    stopRequested.current = false;
    setProgress({ done: 0, total: targets.length, failed: [] });
    const final = await retryAll(targets, actor, setProgress, () => stopRequested.current);
    setProgress(null);
    return {
      ok: true,
      value: final.failed.length
        ? `Retried ${final.done} of ${final.total} runs; ${final.failed.length} could not be retried: ${final.failed.join('; ')}`
        : `Retried the stuck steps of ${final.done} run${final.done === 1 ? '' : 's'}.`,
    };
  }

  return (
    <section className="page" aria-labelledby="attention-title" data-testid="attention-view">
      <div className="page-head">
        <h1 id="attention-title" tabIndex={-1}>
          Needs attention
        </h1>
        {count > 0 && (
          <div className="toolbar selection-bar">
            <span className="muted" role="status" data-testid="attention-selected" data-count={selected.size}>
              {selected.size ? `${selected.size} of ${items!.length} selected` : 'None selected: actions take every run'}
            </span>
            <button type="button" className="btn" onClick={() => setBulk({ kind: 'retry' })} data-testid="bulk-retry">
              {selected.size ? `Retry ${runs}…` : 'Retry all…'}
            </button>
            <button type="button" className="btn" onClick={() => setBulk({ kind: 'replay' })} data-testid="bulk-replay">
              {selected.size ? `Replay ${runs}…` : 'Replay all…'}
            </button>
          </div>
        )}
      </div>
      <p className="lede">Runs that could not heal by themselves: a permanent error, input a provider refused, or retries used up. Open one to fix it in place, or pick some (or none, for all) and act on them together.</p>
      {outcome && (
        <p className="toast toast-info" role="status" data-testid="bulk-outcome">
          {outcome}
        </p>
      )}
      {error && <Problem title="The runs that need attention could not be loaded." error={error} onRetry={load} />}
      {!items && !error && <Loading>Loading runs that need attention…</Loading>}
      {items?.length === 0 && (
        <EmptyState title="Nothing needs attention.">
          Every run is either done or healing by itself. When one gets stuck, it appears here and the count shows in the menu.
        </EmptyState>
      )}
      {items && items.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="attention-table">
            <caption className="visually-hidden">Runs that need attention, oldest first</caption>
            <thead>
              <tr>
                <th scope="col" className="select-col">
                  <SelectAll count={selected.size} of={items.length} onChange={(all) => setPicked(all ? new Set(items.map((i) => i.run.id)) : new Set())} />
                </th>
                <th scope="col">Client</th>
                <th scope="col">Workflow</th>
                <th scope="col">Why</th>
                <th scope="col">Since</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.run.id} data-testid="attention-row" data-run-id={item.run.id} data-selected={selected.has(item.run.id)}>
                  <td className="select-col">
                    <input type="checkbox" checked={selected.has(item.run.id)} onChange={(e) => toggle(item.run.id, e.target.checked)}
                      aria-label={`Select ${item.run.clientKey ?? item.run.id.slice(0, 8)}`} data-testid="attention-select" />
                  </td>
                  <td>
                    <a className="row-link" href={href({ name: 'run', runId: item.run.id })}>
                      {item.run.clientKey ?? item.run.id.slice(0, 8)}
                    </a>
                  </td>
                  <td>
                    {item.run.workflowName} <span className="muted">v{item.run.workflowVersion}</span>
                  </td>
                  <td className="description">{item.reason}</td>
                  <td>
                    <Timestamp ms={item.since} /> <div className="sub">{formatRelative(item.since, now)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {bulk && (
        <ActionDialog
          title={bulk.kind === 'retry' ? `Retry ${runs}` : `Replay ${runs}`}
          testId="bulk-dialog"
          description={
            bulk.kind === 'retry' ? (
              <p data-testid="bulk-confirm-text">
                Keel retries the stuck steps of {runs} now, each with a fresh retry budget. Runs whose input is wrong will fail again: fix those from
                the run with "retry from here".
              </p>
            ) : (
              <p data-testid="bulk-confirm-text">
                Keel starts a new run for each of the {runs} {selected.size ? 'you selected' : 'listed here'}, each with its original trigger. The stuck runs stay as they are.
              </p>
            )
          }
          submitLabel={bulk.kind === 'retry' ? `Retry ${runs}` : `Replay ${runs}`}
          onSubmit={submit}
          onDone={(text) => {
            setBulk(null);
            setOutcome(text);
            setPicked(new Set());
            load();
          }}
          onClose={() => setBulk(null)}
        >
          {progress && (
            <p role="status" className="check" data-testid="bulk-progress">
              <progress max={progress.total} value={progress.done} /> Retried {progress.done} of {progress.total}…{' '}
              <button type="button" className="btn btn-small" onClick={() => (stopRequested.current = true)}>
                Stop after this run
              </button>
            </p>
          )}
          {bulk.kind === 'replay' && (
            <fieldset className="radios">
              <legend>Workflow version</legend>
              <label className="check">
                <input type="radio" name="bulk-version" checked={version === 'pinned'} onChange={() => setVersion('pinned')} />
                The version each run used
              </label>
              <label className="check">
                <input type="radio" name="bulk-version" checked={version === 'current'} onChange={() => setVersion('current')} />
                The current version of each workflow
              </label>
            </fieldset>
          )}
        </ActionDialog>
      )}
    </section>
  );
}
