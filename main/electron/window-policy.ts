/**
 * The window's security policy as plain values and predicates (Electron's security checklist), kept apart
 * from `window.ts` so that every decision is tested under plain Node. `window.ts` only applies them.
 *
 * The console is one page, `index.html` in the built renderer folder, loaded from `file://`. Everything else
 * (other pages, other origins, the network) is refused.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/**
 * The renderer's webPreferences. Each line is a checklist item: a sandboxed, context-isolated page with no
 * Node, no insecure content, no experimental features, and middle-click (auxclick) disabled so a link cannot
 * try to open a second window that way.
 */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    disableBlinkFeatures: 'Auxclick',
    spellcheck: false,
  } as const;
}

/** The console page's URL, optionally at a hash route (`#/runs/<id>`). */
export function appPageUrl(rendererDir: string, hash = ''): string {
  const url = pathToFileURL(path.join(rendererDir, 'index.html'));
  url.hash = hash;
  return url.href;
}

/** The file a `file:` URL names, or null for anything else (other schemes, remote hosts, malformed URLs). */
function localFile(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'file:' || (parsed.host !== '' && parsed.host !== 'localhost')) return null;
  try {
    return fileURLToPath(parsed);
  } catch {
    return null; // e.g. an encoded path separator
  }
}

/** True for the console page itself, at any hash route: the only page Keel shows and answers IPC for. */
export function isAppPage(url: string, rendererDir: string): boolean {
  const file = localFile(url);
  return file !== null && path.resolve(file) === path.resolve(rendererDir, 'index.html');
}

/** True for a file inside the built renderer folder (the page, its scripts, styles and images). */
export function isAppAsset(url: string, rendererDir: string): boolean {
  const file = localFile(url);
  if (file === null) return false;
  const relative = path.relative(path.resolve(rendererDir), path.resolve(file));
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/** A navigation of the window (a link, a form, `location = ...`) may only stay on the console page. */
export function navigationAllowed(url: string, rendererDir: string): boolean {
  return isAppPage(url, rendererDir);
}

/**
 * What a request from the renderer's session may load: the app's own files, and the non-network schemes
 * the CSP already governs. No remote content, whatever the page asks for: this is the second lock behind the
 * CSP, in case a future page forgets it.
 */
export function requestAllowed(url: string, rendererDir: string): boolean {
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'file:') return isAppAsset(url, rendererDir);
  return scheme === 'devtools:' || scheme === 'data:' || scheme === 'blob:';
}

/**
 * New windows are always refused. A link to the outside world (a Stripe dashboard URL in a run's output) is
 * handed to the user's browser instead, but only over https: never `file:`, custom protocols or `javascript:`,
 * which `shell.openExternal` would happily launch.
 */
export function opensInBrowser(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export interface PermissionAsk {
  permission: string;
  /** The URL of the frame that asks. */
  url: string | undefined;
  isMainFrame: boolean;
}

/**
 * Permissions are denied by default. The one exception is writing text to the clipboard (the console's copy
 * buttons use `navigator.clipboard.writeText`, which Chromium gates as `clipboard-sanitized-write`), and only
 * for the console page's own top frame. Reading the clipboard, notifications, media and the rest stay denied:
 * desktop notifications come from the main process, not the page.
 */
export function permissionGranted(ask: PermissionAsk, rendererDir: string): boolean {
  if (ask.permission !== 'clipboard-sanitized-write') return false;
  return ask.isMainFrame && ask.url !== undefined && isAppPage(ask.url, rendererDir);
}
