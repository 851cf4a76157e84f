import type { EndpointView } from '../../../../preload/api';
import { CopyButton } from '../../components/CopyButton';
import { EndpointSecrets } from './EndpointSecrets';
import { EndpointStatus } from './EndpointStatus';

/** One endpoint in the table: its URLs (the public one while a tunnel is up), workflow, verifier, state and secrets. */
export function EndpointRow({ endpoint: e, workflowName, publicUrl, onEdit, onChanged }: {
  endpoint: EndpointView;
  workflowName: string | undefined;
  publicUrl: string | undefined;
  onEdit: () => void;
  onChanged: () => void;
}) {
  return (
    <tr data-testid="endpoint-row" data-slug={e.slug} data-enabled={e.enabled}>
      <td className="strong">
        {e.slug}{' '}
        <button type="button" className="btn btn-small" onClick={onEdit} data-testid="edit-endpoint" aria-label={`Edit ${e.slug}`}>
          Edit
        </button>
      </td>
      <td>
        <div className="url-cell">
          <code className="mono url" data-testid="endpoint-url">
            {e.url}
          </code>
          <CopyButton text={e.url} label={`URL of ${e.slug}`} />
        </div>
        {publicUrl && (
          <div className="url-cell" data-testid="endpoint-public-url">
            <code className="mono url">{publicUrl}</code>
            <CopyButton text={publicUrl} label={`public URL of ${e.slug}`} />
          </div>
        )}
      </td>
      <td>
        {workflowName ?? ''} <code className="mono muted">{e.workflowId}</code>
      </td>
      <td>
        <code className="mono">{e.verifier}</code>
        <div className="muted small" title={e.catchUp.detail} data-testid="endpoint-catch-up-label">
          {e.catchUp.label}
        </div>
      </td>
      <td>
        <EndpointStatus endpoint={e} onChanged={onChanged} />
      </td>
      <td>
        <EndpointSecrets endpoint={e} onChanged={onChanged} />
      </td>
    </tr>
  );
}
