import { useMemo, useState } from 'react';
import type { RunDetail } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { DiffTable } from '../../components/DiffTable';
import { compactJson, prettyJson } from '../../format/json';
import { api } from '../../keel';
import { diffJson } from '../../payload/diff';
import { href } from '../../router/route';
import { navigate } from '../../router/useRoute';
import { parseEditedJson } from './prefill';
import { ReplayVersionChoice, type ReplayVersion } from './ReplayVersionChoice';

/**
 * "Replay with edited trigger": for a mistake in the payload itself (an email typed wrong on the contract), which
 * every step reads. The operator fixes the JSON; the dialog shows what they changed; Keel checks the edit the way
 * the workflow reads it, starts a new run linked to this one, and records before, after, who and why.
 */
export function EditedTriggerDialog({ detail, onClose }: { detail: RunDetail; onClose: () => void }) {
  const { run } = detail;
  const [text, setText] = useState(() => prettyJson(detail.trigger));
  const [version, setVersion] = useState<ReplayVersion>('pinned');
  const open = run.status === 'running' || run.status === 'needs_attention';
  const [cancelOriginal, setCancelOriginal] = useState(open);
  const { parsed, changes } = useMemo(() => {
    const edit = parseEditedJson(text, 'trigger');
    return { parsed: edit, changes: edit.ok ? diffJson(detail.trigger, edit.value) : [] };
  }, [text, detail.trigger]);
  const blocked = !parsed.ok ? parsed.message : changes.length === 0 ? 'Change the value that is wrong first (the trigger is as it arrived).' : null;
  return (
    <ActionDialog
      title="Replay with an edited trigger"
      wide
      testId="edited-trigger-dialog"
      description={
        <p>
          When the payload itself is wrong (a client's email typed wrong on the contract), fix it here. Keel checks it the way the workflow reads it,
          then starts a new run with it, linked to this one. The ledger records what you changed, who and why.
        </p>
      }
      submitLabel="Start new run with this trigger"
      blocked={blocked}
      onSubmit={(actor) => api.replayWithTrigger({ runId: run.id, trigger: parsed.ok ? parsed.value : null, version, cancelOriginal, actor })}
      onDone={(v) => {
        onClose();
        navigate(href({ name: 'run', runId: v.runId }));
      }}
      onClose={onClose}
    >
      <label className="field">
        <span>Trigger payload (JSON)</span>
        <textarea className="input code-editor" rows={16} spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} data-testid="trigger-editor" />
      </label>
      {changes.length > 0 && (
        <div data-testid="trigger-changes" data-count={changes.length}>
          <p className="small">What you changed:</p>
          <DiffTable changes={changes} headings={['Field', 'As it arrived', 'Edited']} render={(v) => compactJson(v)} testId="trigger-diff" />
        </div>
      )}
      <ReplayVersionChoice name="edited-version" pinnedVersion={run.workflowVersion} value={version} onChange={setVersion} />
      {open && (
        <label className="check">
          <input type="checkbox" checked={cancelOriginal} onChange={(e) => setCancelOriginal(e.target.checked)} data-testid="cancel-original" />
          Cancel this run once the new one starts (it leaves “Needs attention”; nothing it did is undone)
        </label>
      )}
    </ActionDialog>
  );
}
