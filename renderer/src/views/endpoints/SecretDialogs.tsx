import { useState } from 'react';
import type { EndpointView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { api } from '../../keel';
import { SecretInput } from '../../components/SecretInput';

/**
 * Starts a rotation: adds a signing secret (the provider's, pasted, or one Keel generates). The pasted value is
 * a password field, cleared as soon as the call answers.
 */
export function AddSecretDialog({ endpoint, onDone, onClose }: { endpoint: EndpointView; onDone: (view: EndpointView) => void; onClose: () => void }) {
  const [mode, setMode] = useState<'paste' | 'generate'>('paste');
  const [value, setValue] = useState('');
  const blocked = mode === 'paste' && value.length > 0 && value.trim().length < 8 ? 'A signing secret is at least 8 characters.' : null;
  return (
    <ActionDialog<EndpointView>
      title={`Add a signing secret to ${endpoint.slug}`}
      testId="add-secret-dialog"
      submitLabel="Add secret"
      blocked={blocked}
      description={
        <p className="notice" data-testid="rotation-note">
          Both the current and the new secret are accepted until you retire the old one, so deliveries keep arriving while the provider switches over. Retire
          the old secret once the provider signs with the new one.
        </p>
      }
      onSubmit={async (actor) => {
        const result = await api.addEndpointSecret(mode === 'paste' ? { slug: endpoint.slug, value, actor } : { slug: endpoint.slug, actor });
        setValue('');
        return result;
      }}
      onDone={onDone}
      onClose={onClose}
    >
      <fieldset className="radio-row">
        <legend>New secret</legend>
        <label>
          <input type="radio" name="secret-mode" checked={mode === 'paste'} onChange={() => setMode('paste')} data-testid="secret-mode-paste" />
          Paste the provider's secret
        </label>
        <label>
          <input type="radio" name="secret-mode" checked={mode === 'generate'} onChange={() => setMode('generate')} data-testid="secret-mode-generate" />
          Let Keel generate one
        </label>
      </fieldset>
      {mode === 'paste' ? (
        <SecretInput label="Signing secret from the provider" value={value} onChange={setValue} testId="secret-value" />
      ) : (
        <p className="muted small">
          Keel stores the generated secret in the OS keychain and never shows it in the console. To give it to the sender, read the new keychain entry (its
          name appears in the list once added).
        </p>
      )}
    </ActionDialog>
  );
}

/** Ends a rotation: stops accepting one secret. The server refuses to retire the last one and says why. */
export function RetireSecretDialog({ endpoint, name, onDone, onClose }: { endpoint: EndpointView; name: string; onDone: (view: EndpointView) => void; onClose: () => void }) {
  return (
    <ActionDialog<EndpointView>
      title="Retire a signing secret"
      testId="retire-secret-dialog"
      submitLabel="Retire secret"
      danger
      description={
        <p>
          Deliveries to <code>{endpoint.slug}</code> signed with <code>{name}</code> will be rejected from now on, and the secret is deleted from the keychain.
          Retire it only once the provider signs with the newer secret.
        </p>
      }
      onSubmit={(actor) => api.retireEndpointSecret({ slug: endpoint.slug, name, actor })}
      onDone={onDone}
      onClose={onClose}
    />
  );
}
