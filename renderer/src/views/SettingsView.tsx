import { useEffect, useState } from 'react';
import { CopyButton } from '../components/CopyButton';
import { Loading } from '../components/Loading';
import { Problem } from '../components/Problem';
import { client } from '../keel';
import { usePreferences, type Theme } from '../state/preferences';
import { useAppInfo } from '../state/resources';
import { TunnelSettings } from './settings/TunnelSettings';
import { IntakeSettings } from './settings/IntakeSettings';
import { StartAtLogin } from './settings/StartAtLogin';

const themes: { value: Theme; label: string }[] = [
  { value: 'system', label: 'Follow the system' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

function permission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export function SettingsView() {
  const info = useAppInfo((s) => s.data);
  const infoError = useAppInfo((s) => s.error);
  const theme = usePreferences((s) => s.theme);
  const notifications = usePreferences((s) => s.notifications);
  const { setTheme, setNotifications } = usePreferences.getState();
  const [allowed, setAllowed] = useState(permission);
  useEffect(() => {
    if (!useAppInfo.getState().data) void useAppInfo.getState().load();
  }, []);

  async function toggleNotifications(on: boolean) {
    setNotifications(on);
    if (on && client.shell === 'browser' && allowed === 'default') setAllowed(await Notification.requestPermission());
  }

  return (
    <section className="page" aria-labelledby="settings-title" data-testid="settings-view">
      <div className="page-head">
        <h1 id="settings-title" tabIndex={-1}>
          Settings
        </h1>
      </div>
      <div className="settings-list">
        <section className="conn-card" aria-labelledby="settings-data">
          <h2 id="settings-data">Data folder</h2>
          <p className="muted small">The database, the ledger and exports live here. Back it up as a whole, while Keel is stopped.</p>
          {infoError && <Problem title="Keel's status could not be read." error={infoError} onRetry={() => void useAppInfo.getState().load()} />}
          {!info && !infoError && <Loading>Loading…</Loading>}
          {info && (
            <span className="url-cell">
              <code className="mono" data-testid="settings-data-dir">
                {info.dataDir}
              </code>
              <CopyButton text={info.dataDir} label="data folder" />
            </span>
          )}
        </section>
        <section className="conn-card" aria-labelledby="settings-intake">
          <h2 id="settings-intake">Webhook intake</h2>
          <IntakeSettings />
        </section>
        <section className="conn-card" aria-labelledby="settings-tunnel">
          <h2 id="settings-tunnel">Tunnel</h2>
          <p className="muted small">How providers reach this Keel's webhook intake from the internet. Only the intake is forwarded, never the console.</p>
          <TunnelSettings />
        </section>
        <section className="conn-card" aria-labelledby="settings-theme">
          <h2 id="settings-theme">Theme</h2>
          <fieldset className="radio-row" data-testid="settings-theme-choice">
            <legend className="visually-hidden">Theme</legend>
            {themes.map((t) => (
              <label key={t.value}>
                <input type="radio" name="theme" value={t.value} checked={theme === t.value} onChange={() => setTheme(t.value)} />
                {t.label}
              </label>
            ))}
          </fieldset>
          <p className="muted small">Remembered on this computer only.</p>
        </section>
        <section className="conn-card" aria-labelledby="settings-notifications">
          <h2 id="settings-notifications">Notifications</h2>
          {client.shell === 'electron' ? (
            <p className="muted small">The desktop app notifies you when a run needs attention; turn that off in your operating system's notification settings.</p>
          ) : (
            <>
              <label className="check">
                <input type="checkbox" checked={notifications} onChange={(e) => void toggleNotifications(e.target.checked)} data-testid="settings-notifications" />
                Show a desktop notification when a run needs attention
              </label>
              {notifications && allowed === 'denied' && (
                <p className="warning-text small">This browser blocks notifications for Keel. Allow them in the site settings (the icon left of the address), then reload.</p>
              )}
              {notifications && allowed === 'unsupported' && <p className="warning-text small">This browser cannot show desktop notifications.</p>}
              <p className="muted small">Remembered in this browser only. Notifications appear while a Keel tab is open.</p>
            </>
          )}
        </section>
        <section className="conn-card" aria-labelledby="settings-login">
          <h2 id="settings-login">Start at login</h2>
          {info ? <StartAtLogin shell={info.shell} /> : !infoError && <Loading>Loading…</Loading>}
        </section>
      </div>
    </section>
  );
}
