import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  appPageUrl, isAppAsset, isAppPage, navigationAllowed, opensInBrowser, permissionGranted, requestAllowed, secureWebPreferences,
} from './window-policy';

const rendererDir = path.resolve('/opt/Keel/resources/app.asar/out/renderer');
const page = appPageUrl(rendererDir);
const file = (p: string) => pathToFileURL(p).href;

describe('the renderer webPreferences', () => {
  it('follow Electron\'s checklist: isolated, sandboxed, no Node anywhere, nothing insecure or experimental', () => {
    expect(secureWebPreferences('/app/preload/index.cjs')).toEqual({
      preload: '/app/preload/index.cjs',
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
    });
  });
});

describe('the console page', () => {
  it('is index.html in the renderer folder, at any hash route', () => {
    expect(page).toBe('file:///opt/Keel/resources/app.asar/out/renderer/index.html');
    expect(appPageUrl(rendererDir, '#/runs/r%201')).toBe(`${page}#/runs/r%201`);
    expect(isAppPage(page, rendererDir)).toBe(true);
    expect(isAppPage(`${page}#/runs/abc`, rendererDir)).toBe(true);
  });

  it('encodes folders with spaces and other characters, as Chromium reports them', () => {
    const dir = path.resolve('/Users/ops person/Apps/Keel #2/renderer');
    const url = appPageUrl(dir, '#/runs');
    expect(url).toBe('file:///Users/ops%20person/Apps/Keel%20%232/renderer/index.html#/runs');
    expect(isAppPage(url, dir)).toBe(true);
  });

  it('is no other page, no other folder, no other scheme or host', () => {
    for (const url of [
      file(path.join(rendererDir, 'other.html')),
      file(path.join(rendererDir, 'assets', 'index.html')),
      file('/etc/passwd'),
      `file:///opt/Keel/resources/app.asar/out/renderer/../renderer2/index.html`,
      'file://evil.example/opt/Keel/resources/app.asar/out/renderer/index.html',
      'https://evil.example/index.html',
      'http://127.0.0.1:5173/index.html',
      'javascript:alert(1)',
      'not a url',
      '',
    ]) {
      expect(isAppPage(url, rendererDir), url).toBe(false);
      expect(navigationAllowed(url, rendererDir), url).toBe(false);
    }
  });

  it('has its assets inside the renderer folder, and nothing above it', () => {
    expect(isAppAsset(file(path.join(rendererDir, 'assets', 'index-abc.js')), rendererDir)).toBe(true);
    expect(isAppAsset(page, rendererDir)).toBe(true);
    expect(isAppAsset(file(rendererDir), rendererDir)).toBe(false);
    expect(isAppAsset('file:///opt/Keel/resources/app.asar/out/renderer/%2e%2e/main/index.js', rendererDir)).toBe(false);
    expect(isAppAsset(file('/opt/Keel/resources/app.asar/out/renderer-evil/x.js'), rendererDir)).toBe(false);
    expect(isAppAsset('file:///opt/Keel/resources/app.asar/out/renderer/a%2Fb.js', rendererDir)).toBe(false);
  });
});

describe('requests from the renderer', () => {
  it('may load the app\'s own files and non-network schemes the CSP governs', () => {
    expect(requestAllowed(`${page}#/runs`, rendererDir)).toBe(true);
    expect(requestAllowed(file(path.join(rendererDir, 'assets', 'index.css')), rendererDir)).toBe(true);
    expect(requestAllowed('devtools://devtools/bundled/devtools_app.html', rendererDir)).toBe(true);
    expect(requestAllowed('data:image/png;base64,AAAA', rendererDir)).toBe(true);
  });

  it('never reach the network or the rest of the disk', () => {
    for (const url of ['https://cdn.example/x.js', 'http://127.0.0.1:4000/hooks/contracts', 'wss://x.example/', 'ftp://x.example/', file('/home/ops/.ssh/id_rsa'), 'chrome://gpu', 'keel://x']) {
      expect(requestAllowed(url, rendererDir), url).toBe(false);
    }
  });
});

describe('links that would open a new window', () => {
  it('go to the user\'s browser only over https, without credentials', () => {
    expect(opensInBrowser('https://dashboard.stripe.com/customers/cus_123')).toBe(true);
    for (const url of ['http://example.com', 'file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'https://user:pw@example.com', `${page}#/runs`, 'nonsense']) {
      expect(opensInBrowser(url), url).toBe(false);
    }
  });
});

describe('permission requests', () => {
  it('are denied by default, for every permission and every frame', () => {
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'unknown']) {
      expect(permissionGranted({ permission, url: page, isMainFrame: true }, rendererDir), permission).toBe(false);
    }
  });

  it('grant writing to the clipboard to the console page\'s own top frame only (its copy buttons)', () => {
    expect(permissionGranted({ permission: 'clipboard-sanitized-write', url: `${page}#/runs/x`, isMainFrame: true }, rendererDir)).toBe(true);
    expect(permissionGranted({ permission: 'clipboard-sanitized-write', url: page, isMainFrame: false }, rendererDir)).toBe(false);
    expect(permissionGranted({ permission: 'clipboard-sanitized-write', url: 'https://evil.example/', isMainFrame: true }, rendererDir)).toBe(false);
    expect(permissionGranted({ permission: 'clipboard-sanitized-write', url: undefined, isMainFrame: true }, rendererDir)).toBe(false);
  });
});
