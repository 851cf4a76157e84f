import { useEffect, useState } from 'react';
import type { Result } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { dayRange, rangeProblem } from '../../format/dateRange';
import { useLedgerExport, type ExportRequest } from '../../state/ledgerExport';
import { useConnections } from '../../state/resources';
import { WorkflowFilterSelect } from '../../components/WorkflowFilterSelect';

const formats = [
  { value: 'csv', label: 'CSV', hint: 'for spreadsheets and scripts' },
  { value: 'xlsx', label: 'Excel (XLSX)', hint: 'one sheet, typed columns' },
  { value: 'pdf', label: 'PDF', hint: 'for an auditor' },
] as const;

/** Chooses what to export; the export itself runs in the background (see useLedgerExport) once submitted. */
export function ExportDialog({ onClose }: { onClose: () => void }) {
  const [format, setFormat] = useState<ExportRequest['format']>('csv');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [workflowId, setWorkflowId] = useState('');
  const [clientKey, setClientKey] = useState('');
  const [connector, setConnector] = useState('');
  const connections = useConnections((s) => s.data?.connections);
  useEffect(() => {
    if (!useConnections.getState().data) void useConnections.getState().load();
  }, []);
  const range = dayRange(from, to);

  return (
    <ActionDialog<null>
      title="Export the ledger"
      testId="export-dialog"
      submitLabel="Export"
      wide
      blocked={rangeProblem(range)}
      description={<p>The file is written to the data folder's exports, and the export itself is recorded in the ledger (who, why, what was included).</p>}
      onSubmit={(actor): Promise<Result<null>> => {
        const request: ExportRequest = { format, ...range, actor };
        if (workflowId) request.workflowId = workflowId;
        if (clientKey.trim()) request.clientKey = clientKey.trim();
        if (connector) request.connector = connector;
        useLedgerExport.getState().start(request);
        return Promise.resolve({ ok: true, value: null });
      }}
      onDone={onClose}
      onClose={onClose}
    >
      <fieldset className="radio-row" data-testid="export-format">
        <legend>Format</legend>
        {formats.map((f) => (
          <label key={f.value}>
            <input type="radio" name="export-format" value={f.value} checked={format === f.value} onChange={() => setFormat(f.value)} />
            {f.label} <span className="muted small">({f.hint})</span>
          </label>
        ))}
      </fieldset>
      <div className="field-row">
        <label className="field">
          <span>From</span>
          <input className="input" type="date" value={from} onChange={(e) => setFrom(e.target.value)} data-testid="export-from" />
        </label>
        <label className="field">
          <span>To (inclusive)</span>
          <input className="input" type="date" value={to} onChange={(e) => setTo(e.target.value)} data-testid="export-to" />
        </label>
        <label className="field">
          <span>Workflow</span>
          <WorkflowFilterSelect value={workflowId} onChange={setWorkflowId} testId="export-workflow" />
        </label>
        <label className="field">
          <span>Client</span>
          <input className="input" value={clientKey} onChange={(e) => setClientKey(e.target.value)} placeholder="e.g. C-2026-0042" data-testid="export-client" />
        </label>
        <label className="field">
          <span>Connector</span>
          <select className="select" value={connector} onChange={(e) => setConnector(e.target.value)} data-testid="export-connector">
            <option value="">All connectors</option>
            {connections?.map((c) => (
              <option key={c.connector} value={c.connector}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
      </div>
      <p className="muted small">Dates are whole days in your time zone; leave them empty for the whole ledger.</p>
    </ActionDialog>
  );
}
