/**
 * The rule editor against a real `keel serve` (sandbox fakes, official SDKs): a step is added from the actions
 * the core offers, given its needs, input and a retry policy, dry-run, published, and seen running in the next
 * contract's run on the new version; a circle of needs is named inline; then the step is removed again.
 */
import { expect, test } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';
import { WorkflowEditorPage } from '../pages/workflow-editor-page';
import { shot } from '../fixtures/screenshot';

let keel: KeelProcess;

test.beforeEach(async () => {
  keel = await startKeelProcess();
});

test.afterEach(async () => {
  await keel.stop();
});

/** Sends a sample contract from the console and opens its run once it has finished. */
async function sendSampleAndOpenRun(console: ConsolePage): Promise<void> {
  await console.sendContractButton.click();
  await console.page.getByTestId('send-feedback').getByRole('link', { name: 'Open its run' }).click();
  await expect(console.runDetail).toHaveAttribute('data-status', 'completed');
}

test('a step is added with a retry policy, published, runs in the next contract, and is removed again', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  const editor = new WorkflowEditorPage(page);
  await console.open(keel.consoleUrl);
  // A completed run gives the dry run real outputs of earlier steps (the Slack channel's id).
  await sendSampleAndOpenRun(console);

  await editor.open('Client onboarding');
  await page.getByTestId('add-step').click();
  await editor.addForm.getByTestId('add-step-action').selectOption('slack.postMessage');
  await expect(editor.addForm.getByTestId('add-step-id')).toHaveValue('slack_post_message');
  await editor.addForm.getByTestId('add-step-id').fill('ops_note');
  await editor.addForm.getByTestId('add-step-name').fill('Tell the ops channel');
  const needs = editor.addForm.getByTestId('add-step-needs');
  await editor.setNeed(needs, 'Share the folder', false);
  await editor.setNeed(needs, 'Welcome message', true);
  await editor.addForm.getByTestId('add-step-submit').click();

  // The new step starts with the action's required fields, and focus moves to it.
  const step = editor.step('ops_note');
  await expect(step.getByRole('heading', { name: 'Tell the ops channel' })).toBeFocused();
  const mapping = step.getByTestId('input-mapping');
  await expect(mapping).toHaveValue(/"channel": ""[\s\S]*"text": ""/);
  await mapping.fill(JSON.stringify({ channel: '{{ steps.slack_channel.output.id }}', text: 'Onboarding done for {{ trigger.data.client.company }}' }, null, 2));

  // The retry fields show the engine's defaults until something is typed.
  const retries = await editor.section('ops_note', /Retries and timeout/);
  await expect(retries.getByTestId('attempt-maxAttempts')).toHaveAttribute('placeholder', '8');
  await expect(retries.getByTestId('attempt-timeoutMs')).toHaveAttribute('placeholder', '30');
  await retries.getByTestId('attempt-maxAttempts').fill('3');
  await retries.getByTestId('attempt-initialDelayMs').fill('2');
  await retries.getByTestId('attempt-deadlineMs').fill('600');
  await retries.getByTestId('attempt-timeoutMs').fill('10');

  // An undo starts from its action's required fields, and unticking it leaves the step without one.
  const undo = await editor.section('ops_note', /Undo/);
  await undo.getByTestId('compensation-on').check();
  await undo.getByTestId('compensation-action').selectOption('slack.postMessage');
  await expect(undo.getByTestId('compensation-input')).toHaveValue(/"channel": ""/);
  await expect(undo.locator('summary')).toHaveText('Undo (slack.postMessage)');
  await undo.getByTestId('compensation-on').uncheck();
  await expect(undo.locator('summary')).toHaveText('Undo (none)');

  // A circle of needs is named beside the step that closes it, and the core's check refuses it.
  const customerNeeds = await editor.section('stripe_customer', /Runs after/);
  await editor.setNeed(customerNeeds, 'Tell the ops channel', true);
  await expect(editor.step('stripe_customer').getByTestId('needs-cycle')).toContainText('Stripe customer → Tell the ops channel → Welcome message');
  await expect(editor.check).toHaveAttribute('data-valid', 'false');
  await expect(editor.step('stripe_customer').getByTestId('step-problems')).toContainText('in a circle');
  await editor.setNeed(customerNeeds, 'Tell the ops channel', false);
  await expect(editor.step('stripe_customer').getByTestId('needs-cycle')).toHaveCount(0);
  await expect(editor.check).toHaveAttribute('data-valid', 'true');

  await page.getByTestId('dry-run').click();
  await expect(editor.dryRunStep('ops_note')).toHaveAttribute('data-outcome', 'run');
  await expect(editor.dryRunStep('ops_note')).toContainText('Onboarding done for');
  await shot(page, testInfo, 'workflow-editor-new-step');
  // The new step as a person sees it on screen (the full page above is long).
  await step.getByTestId('attempts-editor').scrollIntoViewIfNeeded();
  await page.screenshot({ path: testInfo.outputPath('workflow-editor-new-step-retries.png') });

  await page.getByTestId('publish').click();
  await console.act(console.dialog('publish-dialog'), 'Ops Manager', 'ops want a note when a client is onboarded');
  await expect(page.getByTestId('published')).toContainText('v2');
  await page.getByTestId('wf-tab-map').click();
  await expect(page.locator('[data-testid="map-node"][data-step-id="ops_note"]')).toContainText('3 attempts, backoff from 2 s');

  // The next contract runs on v2, and the new step posts to the client's channel.
  await sendSampleAndOpenRun(console);
  await expect(page.getByText('client-onboarding@v2')).toBeVisible();
  await expect(console.step('ops_note')).toHaveAttribute('data-status', 'succeeded');

  // Removed again: nothing needs it, so it simply goes; v3 no longer has it.
  await editor.open('Client onboarding');
  await editor.step('ops_note').getByTestId('remove-step').click();
  const dialog = console.dialog('remove-step-dialog');
  await expect(dialog.getByTestId('remove-step-dependents')).toHaveCount(0);
  await dialog.getByTestId('remove-step-confirm').click();
  await expect(editor.step('ops_note')).toHaveCount(0);
  await page.getByTestId('publish').click();
  await console.act(console.dialog('publish-dialog'), 'Ops Manager', 'the ops note was noise');
  await expect(page.getByTestId('published')).toContainText('v3');
  await page.getByTestId('wf-tab-map').click();
  await expect(page.locator('[data-testid="map-node"][data-step-id="ops_note"]')).toHaveCount(0);
});

test('removing a step that others run after warns, and they run after what it ran after instead', async ({ page }) => {
  const console = new ConsolePage(page);
  const editor = new WorkflowEditorPage(page);
  await console.open(keel.consoleUrl);
  await editor.open('Client onboarding');

  await editor.step('slack_invite').getByTestId('remove-step').click();
  const dialog = console.dialog('remove-step-dialog');
  await expect(dialog.getByTestId('remove-step-dependents')).toContainText('Welcome message runs after it');
  await expect(dialog.getByTestId('remove-step-dependents')).toContainText('they will run after Slack channel instead');
  await expect(dialog.getByTestId('remove-step-confirm')).toHaveText('Remove and drop the dependency');
  await dialog.getByTestId('remove-step-confirm').click();

  await expect(editor.step('slack_invite')).toHaveCount(0);
  await expect(editor.step('slack_welcome')).toContainText('after slack_channel');
  await expect(editor.check).toHaveAttribute('data-valid', 'true');
});
