/**
 * The operator's console against a real `keel serve` (sandbox fakes, official SDKs): a run that needs a
 * person is found, inspected and fixed in place; a rule is edited, dry-run and published; the other views are
 * walked with that real data. Each view is saved as a screenshot.
 */
import { expect, test, type Page } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';
import { shot } from '../fixtures/screenshot';

let keel: KeelProcess;

test.beforeEach(async () => {
  keel = await startKeelProcess();
});

test.afterEach(async () => {
  await keel.stop();
});

async function sendContract(args: string[]): Promise<string> {
  const sent = await keel.cli(['demo', 'send-contract', ...args]);
  const contractId = /contract (C-\d{4}-[0-9A-F]+)/.exec(sent.stdout)?.[1];
  expect(contractId, sent.stdout).toBeTruthy();
  return contractId!;
}

/** Replaces `from` with `to` in the retry dialog's JSON editor (prefilled by the console). */
async function editInput(console: ConsolePage, from: string, to: string): Promise<void> {
  const editor = console.dialog('retry-from-dialog').getByTestId('input-editor');
  await expect(editor).toHaveValue(new RegExp(from));
  await editor.fill((await editor.inputValue()).replaceAll(from, to));
}

test('a run stuck on a mistyped email is found, inspected and fixed with "retry from here"', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const contractId = await sendContract(['--plan', 'standard', '--email', 'not-an-email']);

  // The nav badge counts it, from live events.
  await expect(console.attentionCount).toHaveText(/^1/);
  await console.nav('attention').click();
  const row = page.getByTestId('attention-row').filter({ hasText: contractId });
  await expect(row).toContainText('Invalid email');
  await page.getByTestId('bulk-replay').click();
  await expect(console.dialog('bulk-confirm-text')).toContainText('1 run');
  await shot(page, testInfo, 'needs-attention');
  await console.dialog('bulk-dialog').getByRole('button', { name: 'Cancel' }).click();

  await row.getByRole('link').click();
  await expect(console.runDetail).toHaveAttribute('data-status', 'needs_attention');
  await expect(console.step('stripe_customer')).toHaveAttribute('data-status', 'needs_attention');

  // The server checks the edited input against the action's schema and says what is wrong, in words.
  await console.step('stripe_customer').getByTestId('step-retry-from').click();
  await editInput(console, 'not-an-email', 'still-not-an-email');
  await shot(page, testInfo, 'retry-from-here-dialog');
  await console.act(console.dialog('retry-from-dialog'), 'Ops Manager', 'client typed their email wrong');
  await expect(console.dialog('action-error')).toContainText('email');

  await editInput(console, 'still-not-an-email', 'laura@adventure-works.example');
  await console.dialog('action-submit').click();
  await expect(console.dialog('retry-from-dialog')).toHaveCount(0);
  await expect(console.step('stripe_customer')).toHaveAttribute('data-status', 'succeeded');

  // The same email also feeds the Slack invite: fix it there too, and the run completes.
  await expect(console.step('slack_invite')).toHaveAttribute('data-status', 'needs_attention');
  await console.step('slack_invite').getByTestId('step-retry-from').click();
  await editInput(console, 'not-an-email', 'laura@adventure-works.example');
  await console.act(console.dialog('retry-from-dialog'), 'Ops Manager', 'same typo in the invite');
  await expect(console.runDetail).toHaveAttribute('data-status', 'completed');
  await expect(console.step('slack_welcome')).toHaveAttribute('data-status', 'succeeded');
  await expect(console.attentionCount).toHaveCount(0);

  // Timeline: parallel steps in their own lanes; the skipped Drive steps say why.
  await expect(page.getByTestId('timeline-bar')).toHaveCount(5);
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-lanes', /^[2-9]$/);
  await expect(page.locator('[data-testid="timeline-notrun"][data-step-id="drive_folder"]')).toContainText("trigger.data.plan == 'enterprise'");
  await shot(page, testInfo, 'run-detail-fixed');

  // Payload inspector: the Stripe request with the key redacted, and the cURL with a placeholder.
  await page.locator('[data-testid="timeline-bar"][data-step-id="stripe_customer"]').click();
  const inspector = page.getByTestId('payload-inspector');
  await expect(inspector.getByTestId('exchange-detail')).toBeVisible();
  await inspector.getByTestId('payload-search').fill('authorization');
  await expect(inspector.getByTestId('redaction-marker').first()).toBeVisible();
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await inspector.getByTestId('copy-curl').click();
  const curl = await page.evaluate(() => navigator.clipboard.readText());
  expect(curl).toContain('"$STRIPE_KEY"');
  expect(curl).not.toContain('[redacted:');
  await inspector.getByTestId('payload-search').fill('');
  const other = await inspector.getByTestId('payload-compare').locator('option').nth(1).getAttribute('value');
  await inspector.getByTestId('payload-compare').selectOption(other!);
  await expect(inspector.getByTestId('payload-diff')).toBeVisible();
  await inspector.screenshot({ path: testInfo.outputPath('payload-inspector.png') });
});

/** Sends sample contracts through the console's own call (as the header's button does), with the email given. */
async function sendThroughConsole(page: Page, count: number, email: string): Promise<string[]> {
  const sent = await page.evaluate(async ({ count, email }) => {
    const response = await fetch('/api/call/sendDemoContracts', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ count, plan: 'standard', email }) });
    return (await response.json()) as { ok: boolean; value: { deliveries: { contractId: string; status: number }[] } };
  }, { count, email });
  expect(sent.ok).toBe(true);
  return sent.value.deliveries.map((d) => d.contractId);
}

test('a contract sent with a mistyped email is fixed by replaying its trigger, edited, as a new run', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const [contractId] = await sendThroughConsole(page, 1, 'laura.adventure-works.example');
  await expect(console.attentionCount).toHaveText(/^1/);
  await console.run(contractId!).getByRole('link').click();
  await expect(console.runDetail).toHaveAttribute('data-status', 'needs_attention');
  const original = await console.runDetail.getAttribute('data-run-id');

  await page.getByTestId('run-replay-edited').click();
  const dialog = console.dialog('edited-trigger-dialog');
  const editor = dialog.getByTestId('trigger-editor');
  await expect(editor).toHaveValue(/"email": "laura\.adventure-works\.example"/);
  // Still wrong: Keel checks the edit the way the workflow reads it, and names the step and the field.
  await editor.fill((await editor.inputValue()).replace('laura.adventure-works.example', 'laura@adventure-works'));
  await expect(dialog.getByTestId('trigger-diff')).toContainText('data.client.email');
  await console.act(dialog, 'Ops Manager', 'the client typed their email wrong on the contract');
  await expect(console.dialog('action-error')).toContainText('stripe_customer');
  await expect(console.dialog('action-error')).toContainText('email');

  await editor.fill((await editor.inputValue()).replace('"laura@adventure-works"', '"laura@adventure-works.example"'));
  await expect(dialog.getByTestId('trigger-diff')).toContainText('laura@adventure-works.example');
  await expect(dialog.getByTestId('cancel-original')).toBeChecked();
  await shot(page, testInfo, 'replay-edited-trigger-dialog');
  await console.dialog('action-submit').click();

  // The new run, linked to the original, completes; the original is cancelled and leaves the queue.
  await expect(console.runDetail).not.toHaveAttribute('data-run-id', original!);
  await expect(console.runDetail).toHaveAttribute('data-status', 'completed');
  await expect(page.getByTestId('replay-of')).toContainText(original!.slice(0, 8));
  await expect(console.attentionCount).toHaveCount(0);
  await shot(page, testInfo, 'replayed-with-edited-trigger');

  await page.getByTestId('replay-of').getByRole('link').click();
  await expect(console.runDetail).toHaveAttribute('data-run-id', original!);
  await expect(console.runDetail).toHaveAttribute('data-status', 'cancelled');
  const recorded = page.getByTestId('ledger-row').filter({ hasText: 'replay_with_edited_trigger' });
  await recorded.locator('summary').click();
  const payload = recorded.locator('pre');
  await expect(payload).toContainText('"who": "Ops Manager"');
  await expect(payload).toContainText('"why": "the client typed their email wrong on the contract"');
  await expect(payload).toContainText('"path": "$.data.client.email"');
  await expect(payload).toContainText('"before": "laura.adventure-works.example"');
  await expect(payload).toContainText('"after": "laura@adventure-works.example"');
});

test('bulk replay in the needs-attention queue acts on the runs picked, and says how many', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const [first, second, third] = await sendThroughConsole(page, 3, 'not-an-email');
  await expect(console.attentionCount).toHaveText(/^3/);
  await console.nav('attention').click();
  const row = (contractId: string) => page.getByTestId('attention-row').filter({ hasText: contractId });
  await expect(page.getByTestId('attention-row')).toHaveCount(3);

  await row(first!).getByTestId('attention-select').check();
  await row(third!).getByTestId('attention-select').check();
  await expect(page.getByTestId('attention-selected')).toHaveText('2 of 3 selected');
  await expect(page.getByTestId('attention-select-all')).toHaveJSProperty('indeterminate', true);
  await shot(page, testInfo, 'needs-attention-selection');

  await page.getByTestId('bulk-replay').click();
  await expect(console.dialog('bulk-confirm-text')).toContainText('2 runs you selected');
  await console.act(console.dialog('bulk-dialog'), 'Ops Manager', 'replay the two the client resent');
  await expect(page.getByTestId('bulk-outcome')).toHaveText('Started 2 new runs.');
  // The same mistyped email stops the two replays too: 3 + 2 in the queue, and the unpicked one was not replayed.
  await expect(page.getByTestId('attention-row')).toHaveCount(5);
  await expect(row(second!)).toHaveCount(1);
  await expect(row(first!)).toHaveCount(2);

  await page.getByTestId('attention-select-all').check();
  await expect(page.getByTestId('attention-selected')).toHaveText('5 of 5 selected');
  await page.getByTestId('attention-select-all').uncheck();
  await expect(page.getByTestId('attention-selected')).toHaveAttribute('data-count', '0');
});

test('a rule is edited, dry-run against a recorded delivery and published; the next contract follows it', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const before = await sendContract(['--plan', 'standard']);
  await expect(console.run(before)).toHaveAttribute('data-status', 'completed');

  await console.nav('workflows').click();
  await page.getByTestId('workflow-link').first().click();
  await expect(page.getByTestId('workflow-map')).toBeVisible();
  await page.getByTestId('map-run').selectOption({ index: 1 });
  await expect(page.locator('[data-testid="map-node"][data-step-id="drive_folder"]')).toHaveAttribute('data-status', 'skipped');
  await shot(page, testInfo, 'workflow-map');

  await page.getByTestId('wf-tab-edit').click();
  const drive = console.stepEditor('drive_folder');
  await expect(drive.getByTestId('condition-value')).toHaveValue('enterprise');
  await drive.getByTestId('condition-op').selectOption('in');
  await drive.getByTestId('condition-value').fill('enterprise, standard');
  await expect(drive.getByTestId('condition-cel')).toHaveText("trigger.data.plan in ['enterprise', 'standard']");
  await expect(page.getByTestId('workflow-check')).toHaveAttribute('data-valid', 'true');

  await page.getByTestId('dry-run').click();
  await expect(console.dryRunStep('drive_folder')).toHaveAttribute('data-outcome', 'run');
  await shot(page, testInfo, 'workflow-editor-dry-run');

  await page.getByTestId('publish').click();
  await console.act(console.dialog('publish-dialog'), 'Ops Manager', 'standard clients get a Drive folder too');
  await expect(page.getByTestId('published')).toContainText('v2');

  await page.getByTestId('wf-tab-versions').click();
  await expect(page.getByTestId('version-diff')).toContainText('steps[5].when');
  await shot(page, testInfo, 'workflow-versions');

  const after = await sendContract(['--plan', 'standard']);
  await console.nav('runs').click();
  await console.run(after).getByRole('link').click();
  await expect(console.runDetail).toHaveAttribute('data-status', 'completed');
  await expect(console.step('drive_folder')).toHaveAttribute('data-status', 'succeeded');
});

test('endpoints show recent deliveries and replay one; the ledger verifies its chain', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await sendContract(['--plan', 'enterprise']);
  await console.nav('endpoints').click();
  const delivery = page.getByTestId('delivery-row').first();
  await expect(delivery).toHaveAttribute('data-status', 'accepted');
  await shot(page, testInfo, 'endpoints');
  await delivery.getByTestId('delivery-replay').click();
  await console.act(console.dialog('delivery-replay-dialog'), 'Ops Manager', 'replay check');
  await expect(console.runDetail).toHaveAttribute('data-status', 'completed');

  await console.nav('ledger').click();
  await page.getByTestId('verify-ledger').click();
  await expect(page.getByTestId('ledger-verdict')).toHaveAttribute('data-intact', 'true');
  await shot(page, testInfo, 'ledger');
});
