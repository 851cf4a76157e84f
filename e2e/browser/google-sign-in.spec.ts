/**
 * "Sign in with Google" in a real browser against a real `keel serve`, with Google played by the sandbox's OAuth
 * fake (its consent screen redirects straight back): the OAuth client file is chosen in Connections, Google's tab
 * opens, lands on Keel's loopback page, and the Google Drive card says it is signed in and connected. A declined
 * consent is shown in words. The refresh token goes to the real keychain (run under scripts/with-keyring.mjs).
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startSandbox, type OAuthClientRegistration, type Sandbox } from '../../main/sandbox';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';
import { shot } from '../fixtures/screenshot';

let google: Sandbox;
let client: OAuthClientRegistration;
let keel: KeelProcess;

test.beforeEach(async () => {
  google = await startSandbox({ latencyMs: 0 });
  client = google.googleOAuth.fake.registerClient();
  keel = await startKeelProcess({
    KEEL_GOOGLE_API_BASE: google.providers.drive.apiBase,
    KEEL_GOOGLE_AUTH_URL: google.googleOAuth.authorizationUrl,
    KEEL_GOOGLE_TOKEN_URL: google.googleOAuth.tokenUrl,
    KEEL_KEYCHAIN_SERVICE: `keel-e2e-google-${randomUUID()}`,
  });
});

test.afterEach(async () => {
  await keel.stop();
  await google.close();
});

test('signs in with Google: the consent tab lands on Keel\'s page and the card says signed in and connected', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('connections').click();
  const drive = console.connection('googleDrive');
  await expect(drive).toHaveAttribute('data-sandbox', 'true');
  await expect(drive.getByTestId('credential-kind')).toHaveText('—');

  await drive.getByTestId('google-sign-in').click();
  const dialog = console.dialog('google-sign-in-dialog');
  await dialog.getByTestId('google-client-file').setInputFiles({ name: 'client_secret_desktop.json', mimeType: 'application/json', buffer: Buffer.from(client.json) });
  await expect(dialog.getByTestId('google-client-file-read')).toHaveText('Read client_secret_desktop.json.');
  await shot(page, testInfo, 'google-sign-in-client');

  const consentTab = page.context().waitForEvent('page');
  await console.act(dialog, 'Ops Manager', 'connect our Google Drive');
  const tab = await consentTab;
  await expect(tab.locator('h1')).toHaveText('Keel is signed in to Google');
  await expect(tab.locator('body')).toContainText('You can close this tab');
  expect(tab.url()).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?code=/);
  await tab.close();

  await expect(console.dialog('google-sign-in-progress')).toHaveCount(0);
  await expect(drive).toHaveAttribute('data-sandbox', 'false');
  await expect(drive).toHaveAttribute('data-kind', 'oauth');
  await expect(drive.getByTestId('credential-state')).toHaveText('Set');
  await expect(drive.getByTestId('credential-kind')).toHaveText('OAuth sign-in (refresh token)');
  await expect(drive.getByTestId('credential-source')).toHaveText('OS keychain');
  await expect(drive.getByTestId('credential-account')).toHaveText(`OAuth client ${client.clientId}`);

  await drive.getByTestId('test-connection').click();
  const check = drive.getByTestId('connection-check');
  await expect(check).toHaveAttribute('data-ok', 'true');
  await expect(check).toContainText('signed in with Google');
  await expect(page.locator('body')).not.toContainText(client.clientSecret);
  await expect(page.locator('body')).not.toContainText(google.googleOAuth.fake.refreshTokens()[0]!);
  await shot(page, testInfo, 'google-signed-in');
});

test('a declined consent says so, and the card keeps what it had', async ({ page }, testInfo) => {
  google.googleOAuth.fake.consent = 'deny';
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('connections').click();
  const drive = console.connection('googleDrive');
  await drive.getByTestId('google-sign-in').click();
  const dialog = console.dialog('google-sign-in-dialog');
  await dialog.getByTestId('google-client-id').fill(client.clientId);
  await dialog.getByTestId('google-client-secret').fill(client.clientSecret);

  const consentTab = page.context().waitForEvent('page');
  await console.act(dialog, 'Ops Manager', 'connect our Google Drive');
  const tab = await consentTab;
  await expect(tab.locator('body')).toContainText('declined (access_denied)');
  await tab.close();

  const progress = console.dialog('google-sign-in-progress');
  await expect(progress.getByTestId('google-sign-in-state')).toHaveAttribute('data-state', 'failed');
  await expect(progress.getByTestId('google-sign-in-message')).toContainText('Start "Sign in with Google" again and choose Allow.');
  await shot(page, testInfo, 'google-sign-in-declined');
  await expect(drive).toHaveAttribute('data-sandbox', 'true');
});
