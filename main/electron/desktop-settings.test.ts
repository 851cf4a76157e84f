/**
 * Start at login from the console, as the desktop shell answers it: through the contract, read back from the
 * OS (an XDG autostart entry here, macOS and Windows login items through Electron's app), with the tray told.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../console/dispatch';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { MemoryVault } from '../test-support/memory-vault';
import { LoginItemSettings } from './desktop-settings';
import { autostartFile, launcherFor, type LoginItemHost } from './login-item';

let keel: Keel;
let dir: string;
let changes = 0;
const home = () => path.join(dir, 'home');
const launcher = () => launcherFor({ platform: 'linux', execPath: '/opt/Keel/keel', argv: [], defaultApp: false, env: {}, home: home() });
/** Never reached on Linux, where Keel writes the autostart entry itself. */
const noHost: LoginItemHost = {
  setLoginItemSettings: () => {
    throw new Error('not on Linux');
  },
  getLoginItemSettings: () => {
    throw new Error('not on Linux');
  },
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-desktop-settings-'));
  const desktop = new LoginItemSettings({ host: noHost, launcher: launcher() }, () => changes++);
  keel = await startKeel({ dataDir: path.join(dir, 'data'), shell: 'electron', logger: silentLogger, vault: new MemoryVault(), desktop, env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
}, 30_000);
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('start at login from the console, in the desktop app', () => {
  it('reads the setting from the OS, turns it on and off there, and tells the tray', async () => {
    expect(await dispatch(keel.handlers, 'getDesktopSettings', {})).toEqual({ ok: true, value: { startAtLogin: false } });
    expect(await dispatch(keel.handlers, 'setStartAtLogin', { enabled: true })).toEqual({ ok: true, value: { startAtLogin: true } });
    expect(fs.readFileSync(autostartFile(launcher()), 'utf8')).toContain('Exec="/opt/Keel/keel" "--hidden"');
    expect(await dispatch(keel.handlers, 'setStartAtLogin', { enabled: false })).toEqual({ ok: true, value: { startAtLogin: false } });
    expect(fs.existsSync(autostartFile(launcher()))).toBe(false);
    expect(changes).toBe(2);
  });

  it('says what to do when the entry cannot be written', async () => {
    // A file where the autostart folder should be: mkdir fails, as on a read-only or odd home.
    fs.rmSync(launcher().autostartDir, { recursive: true, force: true });
    fs.writeFileSync(launcher().autostartDir, 'not a folder');
    const result = await dispatch(keel.handlers, 'setStartAtLogin', { enabled: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(!result.ok && result.error.message).toMatch(/^The system refused to add Keel's login item \(.+\); check that you may write to .+autostart\.$/);
    fs.rmSync(launcher().autostartDir);
  });

  it('says start at login is not offered where the OS has none', () => {
    const settings = new LoginItemSettings({ host: noHost, launcher: { ...launcher(), platform: 'aix' } });
    expect(settings.view()).toEqual({ startAtLogin: null });
    expect(() => settings.setStartAtLogin(true)).toThrow("Start at login is not offered on aix; start Keel from your system's own startup settings.");
  });
});
