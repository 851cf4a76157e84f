/**
 * Settings → Tunnel: how providers reach this Keel from the internet. Shows the tunnel's state live (from
 * `tunnel.changed`), each endpoint's public URL, and lets the user choose a provider; saving asks who and why
 * (it is recorded) and restarts the tunnel. Secrets (the ngrok authtoken) are never typed here: they live in
 * the keychain under the name shown.
 */
import { useEffect, useState } from 'react';
import type { ConsoleError, TunnelProviderName, TunnelView } from '../../../../preload/api';
import { ActionDialog } from '../../components/ActionDialog';
import { CopyButton } from '../../components/CopyButton';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { api, client } from '../../keel';
import { tunnelFields, tunnelSettingsFrom, type TunnelForm } from './tunnelForm';

const providers: { value: TunnelProviderName; label: string }[] = [
  { value: 'none', label: 'None (this machine only)' },
  { value: 'ngrok', label: 'ngrok' },
  { value: 'localtunnel', label: 'localtunnel' },
  { value: 'cloudflared', label: 'cloudflared (quick tunnel)' },
  { value: 'manual', label: 'My own reverse proxy' },
];

const stateWords: Record<TunnelView['status']['state'], string> = {
  up: 'Connected', connecting: 'Connecting…', down: 'Disconnected, retrying', error: 'Needs you',
};

export function TunnelSettings() {
  const [view, setView] = useState<TunnelView | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [form, setForm] = useState<TunnelForm>({ provider: 'none' });
  const [saving, setSaving] = useState(false);

  async function refresh() {
    const result = await api.getTunnel({});
    if (result.ok) setView(result.value);
  }

  async function load() {
    const result = await api.getTunnel({});
    if (result.ok) {
      setView(result.value);
      setForm(result.value.settings as TunnelForm);
      setError(null);
    } else setError(result.error);
  }

  useEffect(() => {
    void load();
    // A change of state changes the endpoints' public URLs too: read the whole view again.
    return client.events.on('tunnel.changed', () => void refresh());
  }, []);

  if (error) return <Problem title="The tunnel's state could not be read." error={error} onRetry={() => void load()} />;
  if (!view) return <Loading>Loading the tunnel…</Loading>;
  const { status } = view;

  return (
    <div data-testid="tunnel-settings">
      <p className="small">
        <span className="pill" data-testid="tunnel-state" data-state={status.state}>
          {stateWords[status.state]}
        </span>{' '}
        {status.provider === 'none' ? 'Providers cannot reach this Keel from the internet.' : `via ${status.provider}`}
        {status.reason && <span className="muted"> — {status.reason}</span>}
      </p>
      {status.publicUrl && (
        <ul className="small" data-testid="tunnel-endpoints">
          {view.endpoints.map((e) => (
            <li key={e.slug}>
              <code className="mono">{e.publicUrl}</code> <CopyButton text={e.publicUrl ?? ''} label={`${e.slug} public URL`} />
              <span className="muted"> {e.catchUp === 'event-list' ? '(missed events are caught up)' : '(retries only)'}</span>
            </li>
          ))}
        </ul>
      )}
      <div className="field-row">
        <label className="field">
          <span>Provider</span>
          <select className="input" value={form.provider} onChange={(e) => setForm({ provider: e.target.value as TunnelProviderName })} data-testid="tunnel-provider">
            {providers.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </select>
        </label>
        {tunnelFields(form.provider).map((f) => (
          <label className="field field-grow" key={f.name}>
            <span>{f.label}</span>
            <input className="input" value={String(form[f.name] ?? '')} placeholder={f.placeholder} onChange={(e) => setForm({ ...form, [f.name]: e.target.value })} data-testid={`tunnel-${f.name}`} />
          </label>
        ))}
      </div>
      {form.provider === 'ngrok' && (
        <p className="muted small">
          The authtoken is read from the keychain entry <code>ngrok</code> (or KEEL_SECRET_NGROK on a server).
        </p>
      )}
      <div className="dialog-actions">
        {status.state === 'error' && (
          <button type="button" className="btn" onClick={() => void api.retryTunnel({}).then((r) => r.ok && setView(r.value))}>
            Try again
          </button>
        )}
        <button type="button" className="btn btn-primary" onClick={() => setSaving(true)} data-testid="tunnel-save">
          Save and connect
        </button>
      </div>
      {saving && (
        <ActionDialog
          title="Change the tunnel"
          description={<>Keel will disconnect the current tunnel and connect with <strong>{form.provider}</strong>.</>}
          submitLabel="Save and connect"
          testId="tunnel-dialog"
          onSubmit={(actor) => api.configureTunnel({ settings: tunnelSettingsFrom(form), actor })}
          onDone={(value) => {
            setView(value);
            setSaving(false);
          }}
          onClose={() => setSaving(false)}
        />
      )}
    </div>
  );
}
