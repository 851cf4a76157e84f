import { useState } from 'react';
import type { ConnectionView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { api } from '../../keel';
import { SecretInput } from '../../components/SecretInput';

/**
 * Asks for a new credential in a password field. The value lives only in this dialog's state: it is sent once,
 * cleared when the call answers (whatever the answer), and never shown back.
 */
export function SetCredentialDialog({ connection, onDone, onClose }: { connection: ConnectionView; onDone: (view: ConnectionView) => void; onClose: () => void }) {
  const [value, setValue] = useState('');
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
        const result = await api.setCredential({ connector: connection.connector, value, actor });
        setValue('');
        return result;
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <SecretInput label="New credential" value={value} onChange={setValue} testId="credential-value" />
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
