import { useState } from 'react';
import type { EndpointView } from '../../../../preload/api';
import { sourceLabel } from '../../format/connection';
import { AddSecretDialog, RetireSecretDialog } from './SecretDialogs';

/** An endpoint's signing secrets (name, where from, last four) with rotation: add a new one, retire an old one. */
export function EndpointSecrets({ endpoint, onChanged }: { endpoint: EndpointView; onChanged: () => void }) {
  const [dialog, setDialog] = useState<{ kind: 'add' } | { kind: 'retire'; name: string } | null>(null);
  const done = () => {
    setDialog(null);
    onChanged();
  };
  if (!endpoint.authenticates) {
    return (
      <div data-testid="endpoint-secrets" data-count={0}>
        <span className="badge badge-unsafe" data-testid="endpoint-unsafe">
          Unsafe
        </span>
        <div className="sub warning-text">No signature is checked: anyone who knows the URL can start a run. Choose the sender's verifier with Edit.</div>
      </div>
    );
  }
  return (
    <div data-testid="endpoint-secrets" data-count={endpoint.secrets.length}>
      {endpoint.secrets.length === 0 ? (
        <p className="warning-text small">No signing secret: every delivery will be rejected until one is added.</p>
      ) : (
        <ul className="secret-list">
          {endpoint.secrets.map((s) => (
            <li key={s.name} className="secret-item" data-testid="endpoint-secret" data-name={s.name}>
              <code className="mono">{s.name}</code>
              <span className="muted small">
                {sourceLabel(s.source)}
                {s.lastFour ? ` · …${s.lastFour}` : ''}
              </span>
              <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'retire', name: s.name })} data-testid="retire-secret" aria-label={`Retire ${s.name}`}>
                Retire
              </button>
            </li>
          ))}
        </ul>
      )}
      {endpoint.secrets.length > 1 && <p className="muted small">Rotation in progress: deliveries signed with any of these are accepted.</p>}
      <button type="button" className="btn btn-small" onClick={() => setDialog({ kind: 'add' })} data-testid="add-secret">
        Add secret
      </button>
      {dialog?.kind === 'add' && <AddSecretDialog endpoint={endpoint} onDone={done} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'retire' && <RetireSecretDialog endpoint={endpoint} name={dialog.name} onDone={done} onClose={() => setDialog(null)} />}
    </div>
  );
}
