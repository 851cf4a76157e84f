/**
 * The walking skeleton, end to end in a real browser: a signed contract webhook reaches the intake, the
 * onboarding workflow runs against the sandbox through the official SDKs, and the run appears and completes
 * on screen without a reload.
 */
import { expect, test } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';

let keel: KeelProcess;

test.beforeEach(async () => {
  keel = await startKeelProcess();
});

test.afterEach(async () => {
  await keel.stop();
});

test('a signed enterprise contract becomes a completed onboarding run, live on screen', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await expect(console.sandboxBadge).toBeVisible();
  await expect(page.getByText('No runs yet')).toBeVisible();

  const sent = await keel.cli(['demo', 'send-contract', '--plan', 'enterprise']);
  const contractId = /contract (C-\d{4}-[0-9A-F]+)/.exec(sent.stdout)?.[1];
  expect(contractId, sent.stdout).toBeTruthy();

  const row = console.run(contractId!);
  await expect(row).toHaveAttribute('data-status', 'completed');
  await row.click();
  await expect(console.runDetail).toBeVisible();
  for (const step of ['stripe_customer', 'asana_project', 'slack_channel', 'slack_invite', 'slack_welcome', 'drive_folder', 'drive_share']) {
    await expect(console.step(step)).toHaveAttribute('data-status', 'succeeded');
  }
  await page.screenshot({ path: testInfo.outputPath('onboarding-run-enterprise.png'), fullPage: true });
});

test('a standard-plan contract skips the Drive folder, and the console says why', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const sent = await keel.cli(['demo', 'send-contract', '--plan', 'standard']);
  const contractId = /contract (C-\d{4}-[0-9A-F]+)/.exec(sent.stdout)![1]!;

  await console.run(contractId).click();
  await expect(console.step('slack_welcome')).toHaveAttribute('data-status', 'succeeded');
  await expect(console.step('drive_folder')).toHaveAttribute('data-status', 'skipped');
  await expect(console.step('drive_folder')).toContainText("trigger.data.plan == 'enterprise'");
  await expect(console.step('drive_share')).toHaveAttribute('data-status', 'skipped');
  await page.screenshot({ path: testInfo.outputPath('onboarding-run-standard.png'), fullPage: true });
});

test('the console sends a sample contract itself and shows the run', async ({ page }) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.sendContractButton.click();
  await expect(console.runRows()).toHaveCount(1);
  await expect(console.runRows().first()).toHaveAttribute('data-status', 'completed');
});

test('without the token the console API refuses, and says how to get in', async ({ request }) => {
  const base = new URL(keel.consoleUrl).origin;
  const response = await request.post(`${base}/api/call/listRuns`, { data: {} });
  expect(response.status()).toBe(401);
  expect((await response.json()).error).toContain('keel serve');
});
