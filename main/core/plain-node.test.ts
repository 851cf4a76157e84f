/**
 * The core under plain `node`, with any load of `electron` made to fail: a signed contract goes in through
 * the intake, the onboarding workflow runs against the sandbox through the official SDKs, and every
 * exchange lands in a ledger whose chain verifies.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

async function runOnce(plan: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-core-'));
  dirs.push(dataDir);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', './main/test-support/forbid-electron.mjs', '--import', 'tsx', 'main/test-support/onboarding-once.ts', dataDir, plan],
    { env: { ...process.env, KEEL_SANDBOX_LATENCY_MS: '2' }, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!);
}

describe('the core under plain Node', () => {
  it('completes an enterprise onboarding end to end without electron, recording every provider', async () => {
    const report = await runOnce('enterprise');
    expect(report.electronLoaded).toBe(false);
    expect(report.sent).toEqual([{ contractId: expect.stringMatching(/^C-/), status: 200 }]);
    expect(report.runs).toEqual([{ status: 'completed', clientKey: report.sent[0].contractId, stepsDone: 7 }]);
    expect(report.recordedConnectors).toEqual(['asana', 'googleDrive', 'slack', 'stripe']);
    expect(report.ledger.intact).toBe(true);
  });

  it('refuses to load electron at all (the guard itself works)', async () => {
    const attempt = promisify(execFile)(process.execPath, ['--import', './main/test-support/forbid-electron.mjs', '--input-type=module', '-e', "await import('electron')"]);
    await expect(attempt).rejects.toThrow(/electron was loaded by the core/);
  });
});
