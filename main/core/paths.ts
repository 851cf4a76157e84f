/** Where Keel keeps its data, and where the files it ships with live. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The data folder: `--data-dir`, else `KEEL_DATA_DIR`, else the OS's per-user data folder. The Electron shell
 * sets its `userData` to the same folder, so the desktop and headless shells share one store.
 */
export function resolveDataDir(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (explicit) return path.resolve(explicit);
  if (env.KEEL_DATA_DIR) return path.resolve(env.KEEL_DATA_DIR);
  const home = os.homedir();
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Keel');
  if (process.platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Keel');
  return path.join(env.XDG_DATA_HOME ?? path.join(home, '.local', 'share'), 'keel');
}

/** Finds a file or folder shipped with the app (resources/, db/migrations) from this module, source or bundle. */
export function appFile(relative: string, start = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, relative);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`Keel's ${relative} was not found above ${start}; the installation is incomplete.`);
  }
}

export function readPackageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(appFile('package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
