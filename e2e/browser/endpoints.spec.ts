/**
 * Endpoints: a Stripe endpoint for the client-onboarding workflow is created in the console with the signing
 * secret pasted from Stripe (kept in the real keychain, under scripts/with-keyring.mjs); a Stripe-signed contract
 * posted to its public URL starts a run; turned off it answers 404 "turned off", turned on it takes deliveries again.
 */
import { expect, test, type Page } from '@playwright/test';
import Stripe from 'stripe';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';
import { EndpointsPage } from '../pages/endpoints-page';
import { shot } from '../fixtures/screenshot';

const SIGNING_SECRET = 'whsec_e2eStripeSigningSecretFromDashboard7Kq2';
const stripeWebhooks = new Stripe('sk_sign_only').webhooks;
let keel: KeelProcess;

test.beforeEach(async () => {
  keel = await startKeelProcess();
});

test.afterEach(async () => {
  await keel.stop();
});

/** Sends what Stripe would: an event signed with the endpoint's secret (the same helper bench/load uses). */
async function postStripeEvent(url: string, contractId: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify({
    id: `evt_${contractId.replace(/\W/g, '_')}`, object: 'event', type: 'contract.signed',
    data: { contract_id: contractId, plan: 'standard', client: { company: 'Stripe Route Ltd', contact_name: 'Sam', email: 'sam@stripe-route.example' } },
  });
  const res = await fetch(url, {
    method: 'POST', body,
    headers: { 'content-type': 'application/json', 'stripe-signature': stripeWebhooks.generateTestHeaderString({ payload: body, secret: SIGNING_SECRET }) },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Declares this machine's intake as the public URL (Settings → Tunnel, "my own reverse proxy"), so the console shows one. */
async function declarePublicUrl(console: ConsolePage, page: Page): Promise<string> {
  const publicBase = `http://localhost:${new URL(keel.intakeUrl).port}`;
  await console.nav('settings').click();
  const tunnel = page.getByTestId('tunnel-settings');
  await tunnel.getByTestId('tunnel-provider').selectOption('manual');
  await tunnel.getByTestId('tunnel-publicUrl').fill(publicBase);
  await tunnel.getByTestId('tunnel-save').click();
  await console.act(console.dialog('tunnel-dialog'), 'Dana', 'Stripe needs a public URL');
  await expect(tunnel.getByTestId('tunnel-state')).toHaveAttribute('data-state', 'up');
  return publicBase;
}

test('a Stripe endpoint made in the console takes a signed contract, answers "turned off" when off, and runs again when on', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  const endpoints = new EndpointsPage(page);
  await console.open(keel.consoleUrl);
  const publicBase = await declarePublicUrl(console, page);

  await console.nav('endpoints').click();
  await endpoints.newButton.click();
  await endpoints.fillStripe({ slug: 'stripe-contracts', workflowId: 'client-onboarding', eventTypes: 'contract.signed', signingSecret: SIGNING_SECRET });
  const form = endpoints.form;
  await expect(form.getByTestId('endpoint-secret-hint')).toContainText('Developers → Webhooks');
  await expect(form.getByTestId('endpoint-catch-up')).toContainText("Stripe's event list");
  await expect(form.getByTestId('endpoint-secret-value')).toHaveAttribute('type', 'password');
  await form.getByTestId('actor-who').fill('Dana');
  await form.getByTestId('actor-why').fill('signed contracts now arrive through Stripe');
  await shot(page, testInfo, 'endpoint-new-stripe-form');
  await form.getByTestId('action-submit').click();
  await expect(form).toHaveCount(0);

  const saved = endpoints.saved;
  await expect(saved.getByTestId('saved-url')).toHaveText(`${keel.intakeUrl}stripe-contracts`);
  const publicUrl = `${publicBase}/hooks/stripe-contracts`;
  await expect(saved.getByTestId('saved-public-url')).toContainText(publicUrl);
  await expect(saved.getByTestId('copy-public-url')).toBeVisible();
  await expect(saved.getByTestId('saved-catch-up')).toHaveAttribute('data-mode', 'event-list');
  await expect(saved.getByTestId('saved-secret')).toContainText(`…${SIGNING_SECRET.slice(-4)}`);
  await expect(page.locator('body')).not.toContainText(SIGNING_SECRET.slice(6, -4));
  await expect(endpoints.row('stripe-contracts')).toHaveAttribute('data-enabled', 'true');
  await shot(page, testInfo, 'endpoint-created-stripe');

  const first = await postStripeEvent(publicUrl, 'C-STRIPE-E2E-1');
  expect(first).toMatchObject({ status: 200, body: { status: 'accepted' } });
  await console.nav('runs').click();
  await expect(console.run('C-STRIPE-E2E-1')).toHaveCount(1);

  // Turned off from the edit form: deliveries are refused with 404 "turned off"; the endpoint and its history stay.
  await console.nav('endpoints').click();
  await endpoints.row('stripe-contracts').getByTestId('edit-endpoint').click();
  await expect(form.getByTestId('endpoint-slug')).toHaveValue('stripe-contracts');
  await expect(form.getByTestId('endpoint-setting-types')).toHaveValue('contract.signed');
  await form.getByTestId('endpoint-enabled').uncheck();
  await console.act(form, 'Dana', 'Stripe account migration');
  await expect(endpoints.row('stripe-contracts')).toHaveAttribute('data-enabled', 'false');
  const refused = await postStripeEvent(publicUrl, 'C-STRIPE-E2E-2');
  expect(refused.status).toBe(404);
  expect(String(refused.body.error)).toContain('turned off');

  // Turned on again from the list: the next contract runs.
  await endpoints.row('stripe-contracts').getByTestId('toggle-endpoint').click();
  await console.act(console.dialog('endpoint-toggle-dialog'), 'Dana', 'migration done');
  await expect(endpoints.row('stripe-contracts')).toHaveAttribute('data-enabled', 'true');
  expect((await postStripeEvent(publicUrl, 'C-STRIPE-E2E-3')).status).toBe(200);
  await console.nav('runs').click();
  await expect(console.run('C-STRIPE-E2E-3')).toHaveCount(1);
  await expect(console.run('C-STRIPE-E2E-2')).toHaveCount(0);
});
