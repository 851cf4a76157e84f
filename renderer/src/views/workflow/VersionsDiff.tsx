import { useEffect, useState } from 'react';
import type { ConsoleError, WorkflowDetail } from '../../../../preload/api';
import { DiffTable } from '../../components/DiffTable';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { Timestamp } from '../../components/Timestamp';
import { api } from '../../keel';
import { diffJson, type Change } from '../../payload/diff';

const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The versions of a workflow, and what changed between any two of them. */
export function VersionsDiff({ detail }: { detail: WorkflowDetail }) {
  const versions = [...detail.versions].sort((a, b) => b.version - a.version);
  const [from, setFrom] = useState(versions[1]?.version ?? versions[0]?.version ?? 1);
  const [to, setTo] = useState(versions[0]?.version ?? 1);
  const [changes, setChanges] = useState<Change[] | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);

  useEffect(() => {
    let live = true;
    setChanges(null);
    void Promise.all([api.getWorkflow({ workflowId: detail.id, version: from }), api.getWorkflow({ workflowId: detail.id, version: to })]).then(([a, b]) => {
      if (!live) return;
      if (!a.ok || !b.ok) return setError(!a.ok ? a.error : (b as { ok: false; error: ConsoleError }).error);
      setError(null);
      setChanges(diffJson(a.value.document, b.value.document));
    });
    return () => {
      live = false;
    };
  }, [detail.id, from, to]);

  return (
    <div data-testid="workflow-versions">
      <table className="data-table">
        <caption className="visually-hidden">Versions, newest first</caption>
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Published</th>
            <th scope="col">Note</th>
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.version} data-testid="version-row">
              <td>
                v{v.version} {v.version === detail.currentVersion && <span className="muted">(current)</span>}
              </td>
              <td>
                <Timestamp ms={v.createdAt} />
              </td>
              <td className="description">{v.note ?? <span className="muted">No note</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="toolbar" style={{ marginTop: 16 }}>
        <label className="field field-inline">
          Compare
          <VersionSelect versions={versions} value={from} onChange={setFrom} testId="version-from" />
        </label>
        <label className="field field-inline">
          with
          <VersionSelect versions={versions} value={to} onChange={setTo} testId="version-to" />
        </label>
      </div>
      {error && <Problem title="A version could not be loaded." error={error} />}
      {!changes && !error && <Loading>Comparing versions…</Loading>}
      {changes?.length === 0 && <p className="muted">{from === to ? 'Pick two different versions to compare.' : 'These versions are identical.'}</p>}
      {changes && changes.length > 0 && (
        <DiffTable changes={changes} headings={['Field', `v${from}`, `v${to}`]} render={show} testId="version-diff" />
      )}
    </div>
  );
}

/** One side of the comparison: a version picked from the workflow's list. */
function VersionSelect(props: { versions: WorkflowDetail['versions']; value: number; onChange: (version: number) => void; testId: string }) {
  return (
    <select className="select" value={props.value} onChange={(e) => props.onChange(Number(e.target.value))} data-testid={props.testId}>
      {props.versions.map((v) => (
        <option key={v.version} value={v.version}>
          v{v.version}
        </option>
      ))}
    </select>
  );
}
