/**
 * The desktop app, launched from the build with its own data folder. Runs wherever Electron's binary exists
 * (a developer's desktop, a packaging job); skipped, with the reason, where it cannot be downloaded.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { _electron as electron, expect, test } from '@playwright/test';
import { electronBinary } from '../../scripts/electron-binary.mjs';

const root = path.resolve(import.meta.dirname, '..', '..');
const binary = electronBinary();

test.skip(!binary, "Electron's binary is not installed on this machine and cannot be downloaded here; the desktop specs run where it exists.");

test('the desktop app shows the sandbox onboarding run for a signed contract', async () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'keel-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: [root, '--data-dir', dataDir], cwd: root });
  try {
    const window = await app.firstWindow();
    await expect(window.locator('[data-app-state="loaded"]')).toBeVisible();
    await expect(window.getByTestId('sandbox-badge')).toBeVisible();
    await promisify(execFile)(process.execPath, [path.join(root, 'bin', 'keel.js'), 'demo', 'send-contract', '--data-dir', dataDir]);
    await expect(window.getByTestId('run-row').first()).toHaveAttribute('data-status', 'completed');
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
});
