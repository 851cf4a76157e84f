import { useState } from 'react';
import type { ConnectionView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { api } from '../../keel';
import { SecretInput } from '../../components/SecretInput';
import { JsonFileField } from './JsonFileField';

type PastedKind = 'token' | 'service_account';

/**
 * Asks for a new credential in a password field (or, for a key file, from the file itself). The value lives only in
 * this dialog's state: it is sent once, cleared when the call answers (whatever the answer), and never shown back.
 * Where the connector takes a service-account key too (Google), the user says which they are giving.
 */
export function SetCredentialDialog({ connection, onDone, onClose }: { connection: ConnectionView; onDone: (view: ConnectionView) => void; onClose: () => void }) {
  const [value, setValue] = useState('');
  const [kind, setKind] = useState<PastedKind>(connection.kind === 'service_account' ? 'service_account' : 'token');
  const [impersonate, setImpersonate] = useState('');
  const takesKeys = connection.kinds.includes('service_account');
  const tooShort = value.length > 0 && value.trim().length < 8 ? 'A credential is at least 8 characters.' : null;
  return (
    <ActionDialog<ConnectionView>
      title={`${connection.state === 'set' ? 'Replace' : 'Set'} the ${connection.title} credential`}
      testId="set-credential-dialog"
      submitLabel="Save to keychain"
      description={
        <p>
          The value goes straight to the OS keychain (entry <code>{connection.credentialName}</code>) and is never shown again; Keel keeps only its last four
          characters. {connection.title} then talks to the real provider instead of the sandbox, at once.
        </p>
      }
      blocked={tooShort}
      onSubmit={async (actor) => {
        const who = kind === 'service_account' && impersonate.trim() ? { impersonate: impersonate.trim() } : {};
        const result = await api.setCredential({ connector: connection.connector, value, ...(takesKeys && { kind }), ...who, actor });
        setValue('');
        return result;
      }}
      onDone={onDone}
      onClose={onClose}
    >
      {takesKeys && (
        <fieldset className="radios" data-testid="credential-kind-choice">
          <legend>What are you giving Keel?</legend>
          <label className="check">
            <input type="radio" name="credential-kind" checked={kind === 'token'} onChange={() => setKind('token')} />
            An access token <span className="muted small">(ya29.…; it stops working within an hour)</span>
          </label>
          <label className="check">
            <input type="radio" name="credential-kind" checked={kind === 'service_account'} onChange={() => setKind('service_account')} data-testid="credential-kind-service-account" />
            A service-account key <span className="muted small">(the JSON file from Google Cloud console → IAM &amp; Admin → Service accounts → Keys)</span>
          </label>
        </fieldset>
      )}
      {kind === 'service_account' && <JsonFileField label="Key file" onText={setValue} testId="credential-file" />}
      <SecretInput label={kind === 'service_account' ? 'Or paste the key JSON' : 'New credential'} value={value} onChange={setValue} testId="credential-value" />
      {kind === 'service_account' && (
        <label className="field">
          <span>
            Act as this user <span className="muted">(optional: domain-wide delegation)</span>
          </span>
          <input className="input" type="email" value={impersonate} onChange={(e) => setImpersonate(e.target.value)} placeholder="ops@yourcompany.com" autoComplete="off" data-testid="credential-impersonate" />
        </label>
      )}
    </ActionDialog>
  );
}

export function RemoveCredentialDialog({ connection, onDone, onClose }: { connection: ConnectionView; onDone: (view: ConnectionView) => void; onClose: () => void }) {
  return (
    <ActionDialog<ConnectionView>
      title={`Remove the ${connection.title} credential`}
      testId="remove-credential-dialog"
      submitLabel="Remove"
      danger
      description={
        <p>
          Deletes <code>{connection.credentialName}</code> from the OS keychain. {connection.title} goes back to Keel's sandbox at once: new steps stop reaching
          the real account.
          {connection.source === 'environment' && ' The environment variable stays set; unset it and restart Keel to stop using it.'}
        </p>
      }
      onSubmit={(actor) => api.removeCredential({ connector: connection.connector, actor })}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
