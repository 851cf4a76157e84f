import type { EndpointSavedView } from '../../../../preload/api';
import { CopyButton } from '../../components/CopyButton';

/**
 * After a save: the URLs to give the provider (this machine's, and the tunnel's public one when it is up), how
 * missed deliveries come back for this sender, and where the signing secret went (never its value).
 */
export function EndpointSaved({ saved, publicUrl, onDismiss }: { saved: EndpointSavedView; publicUrl: string | undefined; onDismiss: () => void }) {
  const { endpoint, secret } = saved;
  return (
    <section className="panel" aria-labelledby="endpoint-saved-title" data-testid="endpoint-saved" data-slug={endpoint.slug}>
      <div className="card-head">
        <h2 id="endpoint-saved-title">
          Endpoint <code>{endpoint.slug}</code> {saved.created ? 'created' : 'saved'}
          {endpoint.enabled ? '' : ' (turned off)'}
        </h2>
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          Done
        </button>
      </div>
      <dl className="kv">
        <dt>URL on this machine</dt>
        <dd className="url-cell">
          <code className="mono" data-testid="saved-url">
            {endpoint.url}
          </code>
          <CopyButton text={endpoint.url} label={`URL of ${endpoint.slug}`} />
        </dd>
        <dt>Public URL</dt>
        <dd className="url-cell" data-testid="saved-public-url">
          {publicUrl ? (
            <>
              <code className="mono">{publicUrl}</code>
              <CopyButton text={publicUrl} label={`public URL of ${endpoint.slug}`} testId="copy-public-url" />
            </>
          ) : (
            <span className="muted">No tunnel is up, so senders on the internet cannot reach it yet: choose one in Settings → Tunnel.</span>
          )}
        </dd>
        <dt>Missed deliveries</dt>
        <dd data-testid="saved-catch-up" data-mode={endpoint.catchUp.mode}>
          <strong>{endpoint.catchUp.label}</strong> — {endpoint.catchUp.detail}
        </dd>
        <dt>Signing secret</dt>
        <dd data-testid="saved-secret">{secretWords(saved)}</dd>
      </dl>
      {secret && (
        <p className="muted small">
          Keychain entry: <code>{secret.name}</code>
        </p>
      )}
    </section>
  );
}

function secretWords({ endpoint, secret }: EndpointSavedView): string {
  if (!endpoint.authenticates) return 'None: no signature is checked, so anyone who knows the URL can start runs.';
  const kept = endpoint.secrets.find((s) => s.name === secret?.name);
  if (secret?.kind === 'given') return `The pasted secret (…${kept?.lastFour ?? '????'}) is in the OS keychain; the console will not show it again.`;
  if (secret?.kind === 'generated') return 'Keel generated it into the OS keychain (entry below): configure the sender with it from there.';
  if (endpoint.secrets.length === 0) {
    return endpoint.settings.hookSecret === true
      ? "It arrives in Asana's X-Hook-Secret handshake when you create the webhook."
      : 'None yet: every delivery is refused with 401 until you add the one the provider shows (Add secret).';
  }
  return `Unchanged: ${endpoint.secrets.length} secret${endpoint.secrets.length > 1 ? 's' : ''} in the keychain.`;
}
