/**
 * Settings → Start at login: offered by the desktop app only, which asks the OS (the setting lives there, so the
 * tray's checkbox and this one always agree). In the browser console of `keel serve` it says what to do instead.
 */
import { useEffect, useState } from 'react';
import type { ConsoleError, DesktopSettingsView } from '../../../../preload/api';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { api } from '../../keel';

export function StartAtLogin({ shell }: { shell: 'electron' | 'headless' }) {
  if (shell !== 'electron') {
    return (
      <p className="muted small" data-testid="start-at-login-unavailable">
        Start at login is part of the desktop app. This Keel runs headless (<code>keel serve</code>): start it with the machine instead, for
        example from a systemd unit or your service manager.
      </p>
    );
  }
  return <StartAtLoginToggle />;
}

function StartAtLoginToggle() {
  const [view, setView] = useState<DesktopSettingsView | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const [busy, setBusy] = useState(false);

  async function load() {
    const result = await api.getDesktopSettings({});
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error);
  }

  async function change(enabled: boolean) {
    setBusy(true);
    const result = await api.setStartAtLogin({ enabled });
    setBusy(false);
    if (result.ok) {
      setView(result.value);
      setError(null);
    } else setError(result.error);
  }

  useEffect(() => {
    void load();
  }, []);

  if (!view) return error ? <Problem title="The start-at-login setting could not be read." error={error} onRetry={() => void load()} /> : <Loading>Loading…</Loading>;
  if (view.startAtLogin === null) return <p className="muted small">This system offers no login items; add Keel to its startup programs yourself.</p>;
  return (
    <>
      <label className="check">
        <input type="checkbox" checked={view.startAtLogin} disabled={busy} onChange={(e) => void change(e.target.checked)} data-testid="start-at-login" />
        Start Keel in the tray when I log in
      </label>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <p className="muted small">Keel then receives webhooks and runs workflows without its window open.</p>
    </>
  );
}
