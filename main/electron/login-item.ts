/**
 * Optional start at login, in the tray without the window. macOS and Windows keep login items themselves
 * (`app.setLoginItemSettings`); Linux has no such API in Electron, so Keel writes an XDG autostart entry.
 * The OS is the one place the setting lives: the tray reads it back from there, so it can never disagree with
 * what will actually happen at the next login.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Given by the login item: start in the tray without opening the window. */
export const START_HIDDEN_FLAG = '--hidden';

/** The part of Electron's `app` this needs (structural, so it is tested under Node). */
export interface LoginItemHost {
  setLoginItemSettings(settings: { openAtLogin: boolean; path?: string; args?: string[] }): void;
  getLoginItemSettings(options?: { path?: string; args?: string[] }): { openAtLogin: boolean; wasOpenedAtLogin?: boolean };
}

/** How the OS should start this Keel at login. */
export interface Launcher {
  platform: NodeJS.Platform;
  /** The program to start. From an AppImage, the AppImage file itself: its mount point changes every launch. */
  executable: string;
  /** Arguments before the hidden flag: the app folder when Electron runs an unpacked app, an explicit data folder. */
  args: string[];
  /** Linux: the XDG autostart folder. */
  autostartDir: string;
}

export interface LauncherFacts {
  platform: NodeJS.Platform;
  execPath: string;
  argv: string[];
  /** Electron's `process.defaultApp`: true when running an unpacked app (`electron .`). */
  defaultApp: boolean;
  /** The data folder given with --data-dir, if any: login should open the same Keel. */
  explicitDataDir?: string;
  env: NodeJS.ProcessEnv;
  home?: string;
}

export function launcherFor(f: LauncherFacts): Launcher {
  const args: string[] = [];
  if (f.defaultApp && f.argv[1]) args.push(path.resolve(f.argv[1]));
  if (f.explicitDataDir) args.push('--data-dir', path.resolve(f.explicitDataDir));
  const configHome = f.env.XDG_CONFIG_HOME || path.join(f.home ?? os.homedir(), '.config');
  return {
    platform: f.platform,
    executable: (f.platform === 'linux' && f.env.APPIMAGE) || f.execPath,
    args,
    autostartDir: path.join(configHome, 'autostart'),
  };
}

export function autostartFile(launcher: Launcher): string {
  return path.join(launcher.autostartDir, 'keel.desktop');
}

/**
 * One argument of a desktop entry's Exec key: always quoted, with the quoting rule's escapes (", `, $, \),
 * then the string rule's (\ doubled) and the field-code rule's (% doubled), in that order, per the Desktop
 * Entry Specification.
 */
function execArgument(arg: string): string {
  const quoted = `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
  return quoted.replace(/\\/g, '\\\\').replace(/%/g, '%%');
}

export function autostartEntry(launcher: Launcher): string {
  const exec = [launcher.executable, ...launcher.args, START_HIDDEN_FLAG].map(execArgument).join(' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=Keel',
    'Comment=Receives webhooks and runs workflows in the background',
    `Exec=${exec}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function loginItemSettings(launcher: Launcher) {
  // `path` and `args` matter on Windows only (macOS ignores them), where the args are joined into one command
  // line: a path with spaces must carry its own quotes. Reading back needs the very same pair.
  const args = [...launcher.args, START_HIDDEN_FLAG].map((a) => (/\s/.test(a) ? `"${a}"` : a));
  return { path: launcher.executable, args };
}

/** Whether start at login can be set here at all. */
export function startAtLoginSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux';
}

/** Turns start at login on or off. Throws what the OS or file system throws (the caller tells the user). */
export function setStartAtLogin(enabled: boolean, host: LoginItemHost, launcher: Launcher): void {
  if (launcher.platform === 'linux') {
    const file = autostartFile(launcher);
    if (enabled) {
      fs.mkdirSync(launcher.autostartDir, { recursive: true });
      fs.writeFileSync(file, autostartEntry(launcher), { mode: 0o644 });
    } else {
      fs.rmSync(file, { force: true });
    }
    return;
  }
  if (!startAtLoginSupported(launcher.platform)) throw new Error(`Start at login is not available on ${launcher.platform}.`);
  host.setLoginItemSettings({ openAtLogin: enabled, ...loginItemSettings(launcher) });
}

/** Whether Keel starts at login, as the OS has it; null where it cannot be known. */
export function startAtLogin(host: LoginItemHost, launcher: Launcher): boolean | null {
  if (launcher.platform === 'linux') return fs.existsSync(autostartFile(launcher));
  if (!startAtLoginSupported(launcher.platform)) return null;
  return host.getLoginItemSettings(loginItemSettings(launcher)).openAtLogin;
}

/** True when this launch came from the login item: Keel starts in the tray without opening its window. */
export function startedHidden(argv: string[], platform: NodeJS.Platform, host: LoginItemHost): boolean {
  if (argv.includes(START_HIDDEN_FLAG)) return true;
  // macOS login items cannot pass arguments; the OS says instead.
  return platform === 'darwin' && host.getLoginItemSettings().wasOpenedAtLogin === true;
}
