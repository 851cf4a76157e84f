/**
 * The desktop app, launched from the build with its own data folder. Runs wherever Electron's binary exists
 * (a developer's desktop, a packaging job); skipped, with the reason, where it cannot be downloaded.
 *
 * The walk from issue 9: the sandbox onboarding run appears; with the window closed Keel keeps receiving, and
 * the run sent meanwhile is there on reopening; a second launch focuses the first; quitting drains.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';
import { ConsolePage } from '../pages/console-page';

const root = path.resolve(import.meta.dirname, '..', '..');
const binary = electronBinary();
const run = promisify(execFile);

test.skip(!binary, "Electron's binary is not installed on this machine and cannot be downloaded here; the desktop specs run where it exists.");

/** Each test gets its own data folder, so its own single-instance lock, database and intake port. */
let dataDir: string;
test.beforeEach(() => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-electron-'));
});
test.afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

function launch(): Promise<ElectronApplication> {
  return electron.launch({ executablePath: binary!, args: [root, '--data-dir', dataDir], cwd: root });
}

async function loaded(window: Page): Promise<ConsolePage> {
  await expect(window.locator('[data-app-state="loaded"]')).toBeVisible();
  return new ConsolePage(window);
}

/** Posts one signed sample contract to the running Keel, as a provider would; returns the contract id. */
async function sendContract(): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(root, 'bin', 'keel.js'), 'demo', 'send-contract', '--data-dir', dataDir]);
  const accepted = /Accepted: contract (\S+)/.exec(stdout);
  expect(accepted, stdout).not.toBeNull();
  return accepted![1]!;
}

/** Keel's windows as the main process sees them. */
function windows(app: ElectronApplication) {
  return app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => ({ visible: w.isVisible() })));
}

test('the desktop app shows the sandbox onboarding run for a signed contract', async () => {
  const app = await launch();
  try {
    const keel = await loaded(await app.firstWindow());
    await expect(keel.sandboxBadge).toBeVisible();
    const contract = await sendContract();
    await expect(keel.run(contract)).toHaveAttribute('data-status', 'completed');
  } finally {
    await app.close();
  }
});

test('with its window closed Keel keeps receiving, and the run sent meanwhile is there on reopening', async () => {
  const app = await launch();
  try {
    const first = await app.firstWindow();
    await loaded(first);
    const closed = first.waitForEvent('close');
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.close());
    await closed;
    expect(await windows(app)).toEqual([]); // no window, and the app is still answering: it lives in the tray

    const contract = await sendContract();

    // The tray's "Open Keel" and the Dock's click both end in the app's activate path.
    const reopening = app.waitForEvent('window');
    await app.evaluate(({ app: electronApp }) => electronApp.emit('activate'));
    const keel = await loaded(await reopening);
    await expect(keel.run(contract)).toHaveAttribute('data-status', 'completed');
  } finally {
    await app.close();
  }
});

test('a second launch focuses the first instead of starting another Keel', async () => {
  const app = await launch();
  try {
    await loaded(await app.firstWindow());
    // Hidden rather than minimized: minimizing needs a window manager, which a CI display may not run.
    await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.hide());
    await expect.poll(() => windows(app)).toEqual([{ visible: false }]);

    // The second instance finds the lock held, tells the first, and exits at once.
    await run(binary!, [root, '--data-dir', dataDir], { cwd: root, timeout: 30_000 });

    await expect.poll(() => windows(app)).toEqual([{ visible: true }]);
    const instance = JSON.parse(readFileSync(path.join(dataDir, 'instance.json'), 'utf8')) as { pid: number };
    expect(instance.pid).toBe(app.process().pid);
  } finally {
    await app.close();
  }
});

test('quitting drains Keel and closes its database cleanly', async () => {
  const app = await launch();
  await loaded(await app.firstWindow());
  await sendContract();
  await app.close();
  expect(readFileSync(path.join(dataDir, 'logs', 'keel.log'), 'utf8')).toContain('Keel stopped cleanly');
  expect(existsSync(path.join(dataDir, 'instance.json'))).toBe(false);
});
