/**
 * The one window, and the locks on every web contents and the session, applying `window-policy.ts` (where
 * each decision is made and tested): context isolation, sandbox, no Node in the renderer, no navigation away
 * from the console page, no new windows, no webviews, permissions denied, no remote requests.
 */
import { BrowserWindow, shell, type Session, type WebContents } from 'electron';
import { appPageUrl, navigationAllowed, opensInBrowser, permissionGranted, requestAllowed, secureWebPreferences } from './window-policy';

export interface MainWindowOptions {
  preload: string;
  rendererDir: string;
  /** A console route to open at (`#/runs/<id>`); the runs list when absent. */
  route?: string;
}

export function createMainWindow(o: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Keel',
    webPreferences: secureWebPreferences(o.preload),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appPageUrl(o.rendererDir, o.route)).catch(() => {
    // A failed load shows as a blank window with the error in the log of the renderer; nothing to add here.
  });
  return window;
}

/**
 * Opens a console route in the loaded window. Only the hash differs from the current URL, so Chromium makes a
 * same-document navigation: the renderer sees a `hashchange` and routes, without reloading.
 */
export function openRoute(window: BrowserWindow, rendererDir: string, route: string): void {
  void window.loadURL(appPageUrl(rendererDir, route)).catch(() => {});
}

/**
 * Locks for every web contents Keel creates (attach from `app.on('web-contents-created')`, so none is
 * missed): no navigation away from the console page, no sub-frame navigation, no webviews, no new windows.
 * An https link is handed to the user's browser instead.
 */
export function lockDownContents(contents: WebContents, rendererDir: string): void {
  contents.on('will-navigate', (event) => {
    if (!navigationAllowed(event.url, rendererDir)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!navigationAllowed(event.url, rendererDir)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The console has no frames; whatever tries to navigate one is not Keel.
    if (!event.isMainFrame) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (opensInBrowser(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Session-wide: permission requests and checks denied by default, and no request leaves the app's files. */
export function lockDownSession(session: Session, rendererDir: string): void {
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(permissionGranted({ permission, url: details.requestingUrl, isMainFrame: details.isMainFrame }, rendererDir));
  });
  session.setPermissionCheckHandler((contents, permission, _origin, details) => {
    // For a check, requestingUrl may be only an origin; the main frame's real URL is the contents' URL.
    const url = details.isMainFrame ? (contents?.getURL() ?? details.requestingUrl) : details.requestingUrl;
    return permissionGranted({ permission, url, isMainFrame: details.isMainFrame }, rendererDir);
  });
  session.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !requestAllowed(details.url, rendererDir) });
  });
}
