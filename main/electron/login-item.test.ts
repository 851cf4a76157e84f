import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  autostartEntry, autostartFile, launcherFor, setStartAtLogin, startAtLogin, startedHidden, type LoginItemHost,
} from './login-item';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Electron's login items as macOS and Windows keep them: one entry per (path, args). */
class FakeLoginItems implements LoginItemHost {
  readonly items = new Map<string, boolean>();
  wasOpenedAtLogin = false;
  setLoginItemSettings(s: { openAtLogin: boolean; path?: string; args?: string[] }): void {
    this.items.set(JSON.stringify([s.path, s.args]), s.openAtLogin);
  }
  getLoginItemSettings(o: { path?: string; args?: string[] } = {}) {
    return { openAtLogin: this.items.get(JSON.stringify([o.path, o.args])) ?? false, wasOpenedAtLogin: this.wasOpenedAtLogin };
  }
}

const facts = { execPath: '/opt/Keel/keel', argv: ['/opt/Keel/keel'], defaultApp: false, env: {}, home: '/home/ops' };

describe('how Keel is started at login', () => {
  it('is the installed executable with the hidden flag', () => {
    expect(launcherFor({ ...facts, platform: 'linux' })).toEqual({
      platform: 'linux', executable: '/opt/Keel/keel', args: [], autostartDir: '/home/ops/.config/autostart',
    });
  });

  it('is the AppImage file itself when running from one, not its temporary mount', () => {
    const launcher = launcherFor({ ...facts, platform: 'linux', execPath: '/tmp/.mount_KeelXy/keel', env: { APPIMAGE: '/home/ops/Apps/Keel.AppImage', XDG_CONFIG_HOME: '/home/ops/.cfg' } });
    expect(launcher.executable).toBe('/home/ops/Apps/Keel.AppImage');
    expect(launcher.autostartDir).toBe('/home/ops/.cfg/autostart');
  });

  it('carries the app folder of an unpacked app and an explicit data folder', () => {
    const launcher = launcherFor({ ...facts, platform: 'win32', execPath: 'electron', argv: ['electron', '/src/keel', '--data-dir', '/d'], defaultApp: true, explicitDataDir: '/d' });
    expect(launcher.args).toEqual([path.resolve('/src/keel'), '--data-dir', path.resolve('/d')]);
  });
});

describe('start at login on Linux (an XDG autostart entry)', () => {
  function linux() {
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-login-'));
    dirs.push(home);
    return launcherFor({ ...facts, platform: 'linux', home, execPath: '/opt/Keel $HOME/keel "quoted"', explicitDataDir: '/data/100%' });
  }

  it('is written when turned on and removed when turned off, and read back from the file', () => {
    const launcher = linux();
    const host = new FakeLoginItems();
    expect(startAtLogin(host, launcher)).toBe(false);
    setStartAtLogin(true, host, launcher);
    expect(startAtLogin(host, launcher)).toBe(true);
    expect(fs.readFileSync(autostartFile(launcher), 'utf8')).toBe(autostartEntry(launcher));
    setStartAtLogin(false, host, launcher);
    expect(startAtLogin(host, launcher)).toBe(false);
    setStartAtLogin(false, host, launcher); // already off: fine
    expect(host.items.size).toBe(0);
  });

  it('quotes and escapes the command line as the Desktop Entry spec asks', () => {
    const exec = autostartEntry(linux()).split('\n').find((l) => l.startsWith('Exec='));
    // quoting rule: \" \$ inside double quotes; then the string rule doubles each backslash; % is doubled.
    expect(exec).toBe(String.raw`Exec="/opt/Keel \\$HOME/keel \\"quoted\\"" "--data-dir" "/data/100%%" "--hidden"`);
  });
});

describe('start at login on macOS and Windows (the OS login items)', () => {
  it('registers the executable with the hidden flag and reads the same entry back', () => {
    const host = new FakeLoginItems();
    const launcher = launcherFor({ ...facts, platform: 'win32', execPath: 'C:\\Program Files\\Keel\\Keel.exe', explicitDataDir: '/srv/Keel data' });
    setStartAtLogin(true, host, launcher);
    expect([...host.items]).toEqual([[JSON.stringify(['C:\\Program Files\\Keel\\Keel.exe', ['--data-dir', '"/srv/Keel data"', '--hidden']]), true]]);
    expect(startAtLogin(host, launcher)).toBe(true);
    setStartAtLogin(false, host, launcher);
    expect(startAtLogin(host, launcher)).toBe(false);
  });

  it('is not offered on other systems', () => {
    const launcher = launcherFor({ ...facts, platform: 'freebsd' });
    expect(startAtLogin(new FakeLoginItems(), launcher)).toBeNull();
    expect(() => setStartAtLogin(true, new FakeLoginItems(), launcher)).toThrow(/not available on freebsd/);
  });
});

describe('a launch at login', () => {
  it('starts hidden when the login item passed the flag, or when macOS says it opened Keel at login', () => {
    const host = new FakeLoginItems();
    expect(startedHidden(['/opt/Keel/keel', '--hidden'], 'linux', host)).toBe(true);
    expect(startedHidden(['/opt/Keel/keel'], 'linux', host)).toBe(false);
    host.wasOpenedAtLogin = true;
    expect(startedHidden(['/Applications/Keel.app/Contents/MacOS/Keel'], 'darwin', host)).toBe(true);
    expect(startedHidden(['C:\\Keel.exe'], 'win32', host)).toBe(false);
  });
});
