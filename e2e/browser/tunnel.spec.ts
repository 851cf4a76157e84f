/** Settings → Tunnel: connect through a real localtunnel server on loopback and see each endpoint's public URL. */
import { expect, test } from '@playwright/test';
import { startLocaltunnelServer, type LocaltunnelServer } from '../../main/tunnel/testing/localtunnel-server';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';

let keel: KeelProcess;
let server: LocaltunnelServer;

test.beforeEach(async () => {
  server = await startLocaltunnelServer();
  keel = await startKeelProcess();
});

test.afterEach(async () => {
  await keel.stop();
  await server.kill();
});

test('a tunnel chosen in Settings connects and shows each endpoint\'s public URL', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await page.goto(`${new URL(keel.consoleUrl).origin}/#/settings`);
  const tunnel = page.getByTestId('tunnel-settings');
  await expect(tunnel.getByTestId('tunnel-state')).toHaveAttribute('data-state', /down|error/);
  await tunnel.getByTestId('tunnel-provider').selectOption('localtunnel');
  await tunnel.getByTestId('tunnel-host').fill(server.host);
  await tunnel.getByTestId('tunnel-subdomain').fill('keel-e2e-tunnel');
  await tunnel.getByTestId('tunnel-save').click();
  const dialog = page.getByTestId('tunnel-dialog');
  await dialog.getByTestId('actor-who').fill('Dana');
  await dialog.getByTestId('actor-why').fill('let Stripe reach us');
  await dialog.getByTestId('action-submit').click();
  await expect(tunnel.getByTestId('tunnel-state')).toHaveAttribute('data-state', 'up');
  await expect(tunnel.getByTestId('tunnel-endpoints')).toContainText('keel-e2e-tunnel.lt.test');
  await expect(tunnel.getByTestId('tunnel-endpoints')).toContainText('/hooks/contracts');
  await page.screenshot({ path: testInfo.outputPath('settings-tunnel.png'), fullPage: true });
});
