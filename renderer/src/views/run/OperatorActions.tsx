import { useEffect, useState } from 'react';
import type { RunDetail, StepView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { prettyJson } from '../../format/json';
import { api } from '../../keel';
import { href } from '../../router/route';
import { navigate } from '../../router/useRoute';
import { useRunDetail } from '../../state/runDetail';
import { EditedTriggerDialog } from './EditedTriggerDialog';
import { inputToEdit, parseEditedJson } from './prefill';
import { ReplayVersionChoice, type ReplayVersion } from './ReplayVersionChoice';

type StepDialog = 'retry' | 'retryFrom' | 'skip' | null;

const apply = (detail: RunDetail) => useRunDetail.getState().applyDetail(detail);

/** What an operator may do with one step, given its status and the run's. */
export function stepActionsFor(step: StepView, runStatus: RunDetail['run']['status']) {
  const open = runStatus !== 'cancelled';
  return {
    retry: open && (step.status === 'needs_attention' || step.status === 'queued'),
    retryFrom: open && (step.status === 'needs_attention' || step.status === 'queued' || step.status === 'succeeded'),
    skip: open && (step.status === 'needs_attention' || step.status === 'queued' || step.status === 'pending'),
  };
}

export function StepActions({ detail, step }: { detail: RunDetail; step: StepView }) {
  const [dialog, setDialog] = useState<StepDialog>(null);
  const can = stepActionsFor(step, detail.run.status);
  if (!can.retry && !can.retryFrom && !can.skip) return null;
  const close = () => setDialog(null);
  const done = (d: RunDetail) => {
    close();
    apply(d);
  };
  const base = { runId: detail.run.id, stepId: step.stepId };
  return (
    <div className="step-actions" role="group" aria-label={`Actions for ${step.name}`}>
      {can.retry && (
        <button type="button" className="btn btn-small" onClick={() => setDialog('retry')} data-testid="step-retry">
          Retry now
        </button>
      )}
      {can.retryFrom && (
        <button type="button" className="btn btn-small" onClick={() => setDialog('retryFrom')} data-testid="step-retry-from">
          Retry from here with edited input…
        </button>
      )}
      {can.skip && (
        <button type="button" className="btn btn-small" onClick={() => setDialog('skip')} data-testid="step-skip">
          Skip…
        </button>
      )}
      {dialog === 'retry' && (
        <ActionDialog
          title={`Retry “${step.name}” now`}
          description={<p>Keel sends this step again now, with a fresh retry budget and the same idempotency key family, so a provider never creates a duplicate.</p>}
          submitLabel="Retry now"
          testId="retry-dialog"
          onSubmit={(actor) => api.retryStep({ ...base, actor })}
          onDone={done}
          onClose={close}
        />
      )}
      {dialog === 'retryFrom' && <RetryFromDialog detail={detail} step={step} onClose={close} onDone={done} />}
      {dialog === 'skip' && (
        <ActionDialog
          title={`Skip “${step.name}”`}
          description={<p>The step is marked skipped with your note, and the steps that need it are skipped too. The run carries on with the rest.</p>}
          submitLabel="Skip step"
          whyLabel="Note"
          danger
          testId="skip-dialog"
          onSubmit={(actor) => api.skipStep({ ...base, actor })}
          onDone={done}
          onClose={close}
        />
      )}
    </div>
  );
}

function RetryFromDialog({ detail, step, onClose, onDone }: { detail: RunDetail; step: StepView; onClose: () => void; onDone: (d: RunDetail) => void }) {
  const [text, setText] = useState<string | null>(null);
  const [source, setSource] = useState<'last' | 'mapping' | 'none'>('last');
  useEffect(() => {
    let live = true;
    void inputToEdit(detail, step.stepId).then((found) => {
      if (!live) return;
      setText(prettyJson(found.input));
      setSource(found.source);
    });
    return () => {
      live = false;
    };
    // Prefill once per opening: later run updates must not overwrite the user's edits.
  }, []);
  const parsed = text === null ? null : parseEditedJson(text);
  return (
    <ActionDialog
      title={`Retry “${step.name}” with edited input`}
      wide
      testId="retry-from-dialog"
      description={
        <p>
          Keel checks the input against <code>{step.action}</code>'s schema, runs the step with it, then every step after it.{' '}
          {source === 'mapping' && 'The step never sent a request, so this is the input its mapping builds from the trigger: fix what the error names.'}
          {source === 'last' && 'Prefilled with the input it last sent.'}
        </p>
      }
      submitLabel="Retry with this input"
      blocked={parsed && !parsed.ok ? parsed.message : null}
      onSubmit={(actor) => api.retryFromStep({ runId: detail.run.id, stepId: step.stepId, input: parsed && parsed.ok ? parsed.value : {}, actor })}
      onDone={onDone}
      onClose={onClose}
    >
      {step.error && <p className="step-error small">Last error: {step.error.message}</p>}
      <label className="field">
        <span>Input (JSON)</span>
        {text === null ? (
          <span className="muted">Building the input…</span>
        ) : (
          <textarea className="input code-editor" rows={14} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} data-testid="input-editor" />
        )}
      </label>
    </ActionDialog>
  );
}

type RunDialog = 'cancel' | 'replay' | 'replayEdited' | null;

export function RunActions({ detail }: { detail: RunDetail }) {
  const [dialog, setDialog] = useState<RunDialog>(null);
  const [compensate, setCompensate] = useState(false);
  const [version, setVersion] = useState<ReplayVersion>('pinned');
  const { run } = detail;
  const close = () => setDialog(null);
  const cancellable = run.status === 'running' || run.status === 'needs_attention';
  const succeeded = detail.steps.filter((s) => s.status === 'succeeded').length;
  return (
    <div className="run-actions" role="group" aria-label="Run actions">
      <button type="button" className="btn" onClick={() => setDialog('replay')} data-testid="run-replay">
        Replay…
      </button>
      <button type="button" className="btn" onClick={() => setDialog('replayEdited')} data-testid="run-replay-edited">
        Replay with edited trigger…
      </button>
      {cancellable && (
        <button type="button" className="btn btn-danger-outline" onClick={() => setDialog('cancel')} data-testid="run-cancel">
          Cancel run…
        </button>
      )}
      {dialog === 'cancel' && (
        <ActionDialog
          title="Cancel this run"
          description={<p>Unfinished steps stop and are marked cancelled. Nothing already done is undone unless you ask for compensation.</p>}
          submitLabel={compensate ? 'Cancel and compensate' : 'Cancel run'}
          danger
          testId="cancel-dialog"
          onSubmit={(actor) => api.cancelRun({ runId: run.id, compensate, actor })}
          onDone={(d) => {
            close();
            apply(d);
          }}
          onClose={close}
        >
          <label className="check">
            <input type="checkbox" checked={compensate} onChange={(e) => setCompensate(e.target.checked)} />
            Run the compensations of the {succeeded} step{succeeded === 1 ? '' : 's'} that succeeded first (undo what can be undone)
          </label>
        </ActionDialog>
      )}
      {dialog === 'replayEdited' && <EditedTriggerDialog detail={detail} onClose={close} />}
      {dialog === 'replay' && (
        <ActionDialog
          title="Replay the trigger"
          description={<p>A new run starts with this run's trigger payload. This run stays as it is.</p>}
          submitLabel="Start new run"
          testId="replay-dialog"
          onSubmit={(actor) => api.replayRun({ runId: run.id, version, actor })}
          onDone={(v) => {
            close();
            navigate(href({ name: 'run', runId: v.runId }));
          }}
          onClose={close}
        >
          <ReplayVersionChoice name="replay-version" pinnedVersion={run.workflowVersion} value={version} onChange={setVersion} currentTestId="replay-current" />
        </ActionDialog>
      )}
    </div>
  );
}
