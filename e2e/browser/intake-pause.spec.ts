/**
 * Settings → Webhook intake: pause it from the console, see the banner, and see a contract refused with
 * "retry later" and no run; resume, send again, and see the run. Start at login explains it is desktop-only.
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

/** `keel demo send-contract` exits 1 when the intake refuses; its output says how it answered either way. */
async function sendFromCli(): Promise<string> {
  try {
    return (await keel.cli(['demo', 'send-contract', '--plan', 'standard'])).stdout;
  } catch (error) {
    return (error as { stdout: string }).stdout;
  }
}

test('a paused intake refuses contracts with "retry later" and starts nothing; resumed, the next one runs', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('settings').click();
  const intake = page.getByTestId('intake-settings');
  await expect(intake.getByTestId('intake-state')).toHaveAttribute('data-state', 'receiving');
  await expect(page.getByTestId('start-at-login-unavailable')).toContainText('part of the desktop app');

  await intake.getByTestId('intake-pause').click();
  await console.act(console.dialog('intake-dialog'), 'Dana', 'moving the Stripe account');
  await expect(intake.getByTestId('intake-state')).toHaveAttribute('data-state', 'paused');
  const banner = page.getByTestId('intake-paused-banner');
  await expect(banner).toContainText('Intake paused');
  await expect(banner).toContainText('Dana (moving the Stripe account)');

  // A provider's delivery, from the CLI and from the console's own button: both refused, neither stored.
  expect(await sendFromCli()).toMatch(/^Refused: contract C-\d{4}-[0-9A-F]+ \(HTTP 503\)$/m);
  const direct = await fetch(`${keel.intakeUrl}contracts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  expect(direct.status).toBe(503);
  expect(direct.headers.get('retry-after')).toBe('60');
  await console.sendContractButton.click();
  await expect(page.getByTestId('send-feedback')).toContainText('HTTP 503: it is paused');
  await page.screenshot({ path: testInfo.outputPath('settings-intake-paused.png'), fullPage: true });
  await page.getByTestId('send-feedback').getByRole('button', { name: 'Dismiss' }).click();
  await console.nav('runs').click();
  await expect(page.getByText('No runs yet')).toBeVisible();
  await expect(banner).toBeVisible(); // on every page, not only Settings
  const { stdout: runs } = await keel.cli(['runs', '--json']);
  expect(JSON.parse(runs)).toEqual([]);

  await console.nav('settings').click();
  await intake.getByTestId('intake-resume').click();
  await console.act(console.dialog('intake-dialog'), 'Dana', 'Stripe account moved');
  await expect(intake.getByTestId('intake-state')).toHaveAttribute('data-state', 'receiving');
  await expect(banner).toBeHidden();

  const accepted = await sendFromCli();
  const contractId = /^Accepted: contract (C-\d{4}-[0-9A-F]+)/m.exec(accepted)?.[1];
  expect(contractId, accepted).toBeTruthy();
  await console.nav('runs').click();
  await expect(console.run(contractId!)).toHaveAttribute('data-status', 'completed');
  await expect(console.runRows()).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('settings-intake-resumed.png'), fullPage: true });

  // Both operator actions are in the ledger, with who and why.
  await console.nav('ledger').click();
  await page.getByTestId('ledger-search').fill('intake.');
  const rows = page.getByTestId('ledger-row');
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: 'intake.paused' })).toContainText('moving the Stripe account');
  await expect(rows.filter({ hasText: 'intake.resumed' })).toContainText('Stripe account moved');
});
