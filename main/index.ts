/**
 * The Electron shell: builds the same core as `keel serve` and carries the console contract over IPC. No
 * network listener serves the console here; only the webhook intake listens. Closing the window leaves Keel
 * running in the tray; quitting drains it first. Everything decided here is made in `main/electron/` modules
 * that are tested under plain Node; this file only wires them to Electron's app lifecycle.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { app, BrowserWindow, dialog, ipcMain, powerMonitor, session } from 'electron';
import { startKeel, type Keel } from './core/keel';
import { appFile, resolveDataDir } from './core/paths';
import { DesktopShell } from './electron/desktop';
import { LoginItemSettings } from './electron/desktop-settings';
import { desktopUserName, trayIntakeSwitch } from './electron/intake-switch';
import { tunnelWatch } from './electron/tunnel-watch';
import { forwardConsoleEvents, registerConsoleIpc } from './electron/ipc';
import { launcherFor, startedHidden } from './electron/login-item';
import { showAttentionNotices, showNotification } from './electron/notifications';
import { QuitCoordinator } from './electron/quit-coordinator';
import { systemScheduler } from './electron/scheduler';
import { KeelTray } from './electron/tray';
import { createMainWindow, lockDownContents, lockDownSession, openRoute } from './electron/window';
import { isAppPage } from './electron/window-policy';

/** electron-builder.yml's appId: Windows attributes notifications to it. */
const APP_ID = 'dev.keel.desktop';

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererDir = path.join(here, '..', 'renderer');
const preload = path.join(here, '..', 'preload', 'index.cjs');

/** `--data-dir DIR` or `--data-dir=DIR`, as `keel serve` takes it. */
function dataDirArgument(argv: string[]): string | undefined {
  const at = argv.indexOf('--data-dir');
  if (at >= 0) return argv[at + 1];
  return argv.find((a) => a.startsWith('--data-dir='))?.slice('--data-dir='.length);
}

const explicitDataDir = dataDirArgument(process.argv);
const dataDir = resolveDataDir(explicitDataDir);
// The single-instance lock is keyed on userData: one Keel per data folder.
app.setPath('userData', dataDir);
if (process.platform === 'win32') app.setAppUserModelId(APP_ID);

/** How the OS starts this Keel at login (login-item.ts): shared by the tray and the console's Settings. */
const login = {
  host: app,
  launcher: launcherFor({
    platform: process.platform, execPath: process.execPath, argv: process.argv, defaultApp: process.defaultApp === true,
    env: process.env, ...(explicitDataDir && { explicitDataDir }),
  }),
};

let keel: Keel | undefined;
let desktop: DesktopShell | undefined;
let window: BrowserWindow | undefined;
/** A window asked for before Keel had started (a second launch during start-up), with its route. */
let openOnceStarted: { route?: string } | undefined;
/** Settles with the running Keel once started (undefined when it could not start, or this is a second instance). */
let starting: Promise<Keel | undefined> = Promise.resolve(undefined);

function openWindow(route?: string): void {
  if (quit.phase !== 'running') return;
  if (!keel) {
    openOnceStarted = { ...(route && { route }) };
    return;
  }
  if (!window || window.isDestroyed()) {
    window = createMainWindow({ preload, rendererDir, ...(route && { route }) });
    window.on('closed', () => {
      window = undefined;
      desktop?.windowClosed();
    });
    return;
  }
  if (route) openRoute(window, rendererDir, route);
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

const quit = new QuitCoordinator({
  scheduler: systemScheduler,
  onDrainStart: () => desktop?.setQuitting(),
  async drain() {
    const running = await starting; // a quit during start-up waits for it, then stops what started
    window?.close();
    await running?.stop(); // intake closed, attempts in flight finished or recorded as interrupted, db closed
    desktop?.stop();
  },
  quit: () => app.quit(),
  onProblem: (message, error) => {
    keel?.logger.error(message, error);
    console.error(message, error ?? '');
  },
});

async function start(): Promise<Keel | undefined> {
  lockDownSession(session.defaultSession, rendererDir);
  let started: Keel;
  try {
    // Start at login set from the console: the tray's checkbox follows.
    const desktopSettings = new LoginItemSettings(login, () => desktop?.refreshStartAtLogin());
    started = await startKeel({ dataDir, shell: 'electron', desktop: desktopSettings });
  } catch (error) {
    dialog.showErrorBox('Keel could not start', (error as Error).message);
    app.exit(1);
    return undefined;
  }
  keel = started;
  registerConsoleIpc(ipcMain, started.handlers, (url) => isAppPage(url, rendererDir), (error) => started.logger.error('console call failed', error));
  forwardConsoleEvents(started.events, () => (window && !window.isDestroyed() ? window.webContents : undefined));
  if (quit.phase !== 'running') return started;

  // Shut down with the system like a quit, so the database is closed cleanly (Linux and macOS). Electron
  // passes an event whose preventDefault() delays the shutdown; its typings omit it.
  powerMonitor.on('shutdown', (...args: unknown[]) => {
    (args[0] as { preventDefault?: () => void } | undefined)?.preventDefault?.();
    app.quit();
  });
  const icons = appFile(path.join('resources', 'icons'));
  const notificationIcon = path.join(icons, 'png', '128x128.png');
  try {
    desktop = await DesktopShell.start({
      keel: started,
      hooks: { intake: trayIntakeSwitch(started.intakePause, desktopUserName()), tunnel: tunnelWatch(started.tunnel, started.events) },
      createTray: (onCommand, initial) => new KeelTray(icons, onCommand, initial),
      notifyAttention: (notices) => showAttentionNotices(notices, openWindow, notificationIcon),
      notify: (title, body, onClick) => showNotification(title, body, onClick, notificationIcon),
      open: openWindow,
      quit: () => app.quit(),
      login,
    });
  } catch (error) {
    // Keel still works through its window; without a tray to come back from, closing the window quits.
    started.logger.error('the tray could not be started; Keel will quit when its window closes', error);
  }
  const pending = openOnceStarted;
  openOnceStarted = undefined;
  if (pending || !desktop || !startedHidden(process.argv, process.platform, app)) openWindow(pending?.route);
  return started;
}

if (!app.requestSingleInstanceLock()) {
  // Another Keel owns this data folder; it has been told (second-instance) and shows its window.
  app.quit();
} else {
  app.on('before-quit', (event) => {
    if (!quit.requestQuit()) event.preventDefault();
  });
  app.on('second-instance', () => openWindow());
  // macOS: a click on the Dock icon. Ignored during start-up, where it also fires for a launch at login.
  app.on('activate', () => {
    if (keel) openWindow();
  });
  // Listening here is what keeps Electron from quitting when the window closes: Keel lives on in the tray.
  // Without a tray there is no way back, so then closing the window quits.
  app.on('window-all-closed', () => {
    if (!desktop) app.quit();
  });
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, rendererDir));
  starting = app.whenReady().then(start);
}
