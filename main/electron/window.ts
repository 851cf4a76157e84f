/**
 * The one window, locked down per Electron's security checklist: context isolation, sandbox, no Node in the
 * renderer, no navigation away from the app, no new windows, permissions denied.
 */
import path from 'node:path';
import { BrowserWindow, session, shell } from 'electron';

export function appPageUrl(rendererDir: string): string {
  return new URL(`file://${path.join(rendererDir, 'index.html')}`).href;
}

export function isAppUrl(url: string, rendererDir: string): boolean {
  return url.startsWith(new URL(`file://${rendererDir}/`).href) || url === appPageUrl(rendererDir);
}

export function createMainWindow(o: { preload: string; rendererDir: string }): BrowserWindow {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Keel',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, o.rendererDir)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // Links to the outside world (a Stripe dashboard URL) open in the user's browser, never in Keel.
    if (/^https:\/\//.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadFile(path.join(o.rendererDir, 'index.html'));
  return window;
}
