/**
 * Connections, endpoint secret rotation, ledger export and settings against a real `keel serve` with the real
 * keychain (run under scripts/with-keyring.mjs). Each view is saved as a screenshot.
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';
import { shot } from '../fixtures/screenshot';

let keel: KeelProcess;

test.beforeEach(async () => {
  // The real Stripe base (no KEEL_STRIPE_API_BASE): a credential set from the console points Stripe at it.
  keel = await startKeelProcess({ KEEL_STRIPE_API_BASE: undefined });
});

test.afterEach(async () => {
  await keel.stop();
});

test('a credential set from the console leaves the sandbox, is tested, and removing it returns to the sandbox', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('connections').click();
  const stripe = console.connection('stripe');
  await expect(stripe).toHaveAttribute('data-sandbox', 'true');
  await expect(stripe.getByTestId('credential-state')).toHaveText('Not set');
  await expect(page.getByTestId('keychain-status')).toHaveAttribute('data-available', 'true');

  await stripe.getByTestId('test-connection').click();
  await expect(stripe.getByTestId('connection-check')).toHaveAttribute('data-ok', 'true');
  await expect(stripe.getByTestId('connection-check')).toContainText('Connected');
  await shot(page, testInfo, 'connections');

  await stripe.getByTestId('set-credential').click();
  const dialog = console.dialog('set-credential-dialog');
  await expect(dialog.getByTestId('credential-value')).toHaveAttribute('type', 'password');
  await dialog.getByTestId('credential-value').fill('sk_test_bogus_e2e_value_9xQz');
  await console.act(dialog, 'Ops Manager', 'trying the real Stripe account');
  await expect(dialog).toHaveCount(0);
  await expect(stripe).toHaveAttribute('data-sandbox', 'false');
  await expect(stripe.getByTestId('credential-state')).toHaveText('Set');
  await expect(stripe.getByTestId('credential-source')).toHaveText('OS keychain');
  await expect(stripe.getByTestId('credential-last-four')).toHaveText('…9xQz');
  // The value itself is nowhere on the page.
  await expect(page.locator('body')).not.toContainText('sk_test_bogus');

  // This network is closed: api.stripe.com cannot be reached (unreachable, not bad_credential), and the console says so in words.
  await stripe.getByTestId('test-connection').click();
  const check = stripe.getByTestId('connection-check');
  await expect(check).toHaveAttribute('data-ok', 'false');
  await expect(check).toHaveAttribute('data-problem', 'unreachable');
  await expect(check).toContainText('could not reach Stripe');
  await shot(page, testInfo, 'connections-provider-failed');

  await stripe.getByTestId('remove-credential').click();
  await console.act(console.dialog('remove-credential-dialog'), 'Ops Manager', 'back to the sandbox');
  await expect(stripe).toHaveAttribute('data-sandbox', 'true');
  await expect(stripe.getByTestId('credential-state')).toHaveText('Not set');
  await stripe.getByTestId('test-connection').click();
  await expect(stripe.getByTestId('connection-check')).toHaveAttribute('data-ok', 'true');
});

test('an endpoint signing secret is rotated: added (both accepted), and the last one cannot be retired', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('endpoints').click();
  const contracts = console.endpoint('contracts');
  const secrets = contracts.getByTestId('endpoint-secrets');
  await expect(secrets).toHaveAttribute('data-count', '1');

  await contracts.getByTestId('add-secret').click();
  const dialog = console.dialog('add-secret-dialog');
  await expect(dialog.getByTestId('rotation-note')).toContainText('Both the current and the new secret are accepted');
  await dialog.getByTestId('secret-value').fill('whsec_provider_new_secret_e2e_ab12');
  await console.act(dialog, 'Ops Manager', 'provider rotated its signing secret');
  await expect(dialog).toHaveCount(0);
  await expect(secrets).toHaveAttribute('data-count', '2');
  await expect(contracts.getByTestId('endpoint-secret')).toHaveCount(2);
  await expect(contracts).toContainText('…ab12');
  await shot(page, testInfo, 'endpoints-rotation');

  // Retire the old one, then try the last: the server refuses and the dialog says why.
  const old = contracts.getByTestId('endpoint-secret').filter({ hasNotText: 'ab12' });
  await old.getByTestId('retire-secret').click();
  await console.act(console.dialog('retire-secret-dialog'), 'Ops Manager', 'provider signs with the new one');
  await expect(secrets).toHaveAttribute('data-count', '1');
  await contracts.getByTestId('retire-secret').click();
  await console.act(console.dialog('retire-secret-dialog'), 'Ops Manager', 'trying to retire the last');
  await expect(console.dialog('action-error')).toBeVisible();
  await shot(page, testInfo, 'endpoints-retire-last-refused');
});

test('the ledger is exported to CSV, downloaded and opened; settings show the data folder', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await keel.cli(['demo', 'send-contract', '--plan', 'standard']);
  await expect(console.runRows()).toHaveCount(1);

  await console.nav('ledger').click();
  await page.getByTestId('export-ledger').click();
  const dialog = console.dialog('export-dialog');
  await shot(page, testInfo, 'ledger-export-dialog');
  await console.act(dialog, 'Ops Manager', 'monthly audit');
  const status = page.getByTestId('export-status');
  await expect(status).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('export-sha256')).toHaveText(/^[0-9a-f]{64}$/);
  await expect(page.getByTestId('export-file')).toContainText(keel.dataDir);
  await shot(page, testInfo, 'ledger-exported');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  const csv = await readFile((await download.path())!, 'utf8');
  const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^seq,at,kind,summary,client,/);
  expect(lines.length).toBeGreaterThan(1);
  expect(Number(await page.getByTestId('export-entries').textContent())).toBeGreaterThan(0);

  await console.nav('settings').click();
  await expect(page.getByTestId('settings-data-dir')).toHaveText(keel.dataDir);
  await page.getByLabel('Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await shot(page, testInfo, 'settings-dark');
  await page.getByLabel('Follow the system').check();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
});
