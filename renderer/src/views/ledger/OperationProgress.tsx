import { useOperationProgress } from '../../state/longOperation';

/**
 * How far a long verify or export is, with its Cancel. Determinate once the server has counted the entries;
 * an indeterminate bar until then.
 */
export function OperationProgress({ operationId, label, cancelling, onCancel, testId }: {
  operationId: string;
  /** What is being done, for the bar's accessible name: "Verifying the chain". */
  label: string;
  cancelling: boolean;
  onCancel: () => void;
  testId: string;
}) {
  const progress = useOperationProgress(operationId);
  const total = progress?.total ?? null;
  const done = progress?.done ?? 0;
  return (
    <div className="operation-progress" data-testid={testId}>
      {total !== null && total > 0 ? (
        <>
          <progress max={total} value={done} aria-label={label} data-testid={`${testId}-bar`} />
          <span className="small muted">
            {done.toLocaleString()} of {total.toLocaleString()} entries
          </span>
        </>
      ) : (
        <div className="progress-indeterminate" role="progressbar" aria-label={label} data-testid={`${testId}-bar`} />
      )}
      <button type="button" className="btn btn-small" onClick={onCancel} disabled={cancelling} aria-busy={cancelling} data-testid={`${testId}-cancel`}>
        {cancelling ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}
