/**
 * The Electron shell: builds the same core as `keel serve` and carries the console contract over IPC. No
 * network listener serves the console here; only the webhook intake listens.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, ipcMain } from 'electron';
import { startKeel, type Keel } from './core/keel';
import { resolveDataDir } from './core/paths';
import { forwardConsoleEvents, registerConsoleIpc } from './electron/ipc';
import { createMainWindow, isAppUrl } from './electron/window';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preload = path.join(here, '..', 'preload', 'index.cjs');

/** `--data-dir DIR` or `--data-dir=DIR`, as `keel serve` takes it. */
function dataDirArgument(argv: string[]): string | undefined {
  const at = argv.indexOf('--data-dir');
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
}

const dataDir = resolveDataDir(dataDirArgument(process.argv));
app.setPath('userData', dataDir);

let keel: Keel | undefined;
let window: BrowserWindow | undefined;

function showWindow(): void {
  if (!window || window.isDestroyed()) {
    window = createMainWindow({ preload, rendererDir });
  } else {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  }
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showWindow());
  app.whenReady().then(async () => {
    try {
      keel = await startKeel({ dataDir, shell: 'electron' });
    } catch (error) {
      const { dialog } = await import('electron');
      dialog.showErrorBox('Keel could not start', (error as Error).message);
      app.exit(1);
      return;
    }
    registerConsoleIpc(ipcMain, keel.handlers, (url) => isAppUrl(url, rendererDir), (error) => keel?.logger.error('console call failed', error));
    forwardConsoleEvents(keel.events, () => (window && !window.isDestroyed() ? window.webContents : undefined));
    showWindow();
  });
  app.on('activate', () => showWindow());
  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !keel) return;
    event.preventDefault();
    quitting = true;
    keel.stop().finally(() => app.quit());
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
