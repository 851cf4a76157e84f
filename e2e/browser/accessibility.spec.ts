/**
 * The console audited as a whole, with real data from the sandbox onboarding workflow: every view (and the
 * dialogs a user opens from them) passes axe's WCAG 2.0/2.1 A and AA rules in the light and the dark theme, and
 * the main flows work from the keyboard alone.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { auditPage, describeFindings, type AuditFinding } from '../pages/accessibility-audit';
import { ConsolePage } from '../pages/console-page';

let keel: KeelProcess;

test.beforeEach(async () => {
  keel = await startKeelProcess();
});

test.afterEach(async () => {
  await keel.stop();
});

/** Sends sample contracts through the `keel` command and returns their contract ids. */
async function sendContracts(args: string[]): Promise<string[]> {
  const sent = await keel.cli(['demo', 'send-contract', ...args]);
  const ids = [...sent.stdout.matchAll(/contract (C-\d{4}-[0-9A-F]+)/g)].map((m) => m[1]!);
  expect(ids.length, sent.stdout).toBeGreaterThan(0);
  return ids;
}

interface OnboardingData {
  completed: string;
  stuck: string[];
}

/** One enterprise run that completes, and two whose mistyped email leaves them needing a person. */
async function onboardingData(console: ConsolePage): Promise<OnboardingData> {
  const [completed] = await sendContracts(['--plan', 'enterprise']);
  const stuck = await sendContracts(['--count', '2', '--plan', 'standard', '--email', 'not-an-email']);
  await expect(console.run(completed!)).toHaveAttribute('data-status', 'completed');
  for (const id of stuck) await expect(console.run(id)).toHaveAttribute('data-status', 'needs_attention');
  return { completed: completed!, stuck };
}

async function chooseTheme(page: Page, console: ConsolePage, theme: 'light' | 'dark'): Promise<void> {
  await console.nav('settings').click();
  await page.getByTestId('settings-theme-choice').getByLabel(theme === 'light' ? 'Light' : 'Dark').check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** What each part of the walk needs: the page, the data sent, and how to audit and close what it opened. */
interface Walk {
  page: Page;
  console: ConsolePage;
  data: OnboardingData;
  audit(where: string): Promise<void>;
  closeDialog(dialog: Locator): Promise<void>;
}

/** Runs, both kinds of run detail (with the payload inspector and the operator dialogs), and Needs attention. */
async function walkRuns({ page, console, data, audit, closeDialog }: Walk): Promise<void> {
  await console.nav('runs').click();
  await expect(console.runRows()).toHaveCount(3);
  await audit('Runs');

  await console.run(data.completed).getByRole('link').click();
  await expect(console.runDetail).toHaveAttribute('data-status', 'completed');
  await page.locator('[data-testid="timeline-bar"][data-step-id="stripe_customer"]').click();
  const inspector = page.getByTestId('payload-inspector');
  await expect(inspector.getByTestId('exchange-detail')).toBeVisible();
  await inspector.getByTestId('payload-compare').selectOption({ index: 1 });
  await expect(inspector.getByTestId('payload-diff')).toBeVisible();
  await audit('Run detail (timeline, payload inspector with a diff)');
  await inspector.getByTestId('payload-raw').check();
  await expect(inspector.getByTestId('raw-request')).toBeVisible();
  await audit('Run detail, payload inspector raw view');

  await console.nav('runs').click();
  await console.run(data.stuck[0]!).getByRole('link').click();
  await expect(console.step('stripe_customer')).toHaveAttribute('data-status', 'needs_attention');
  await audit('Run detail (needs attention, step actions)');
  await console.step('stripe_customer').getByTestId('step-retry-from').click();
  const retryFrom = console.dialog('retry-from-dialog');
  await expect(retryFrom.getByTestId('input-editor')).toBeVisible();
  await audit('Run detail, "retry from here" dialog');
  await closeDialog(retryFrom);
  // A destructive action's dialog: its submit button is the danger colour.
  await console.step('stripe_customer').getByTestId('step-skip').click();
  await expect(console.dialog('skip-dialog')).toBeVisible();
  await audit('Run detail, skip dialog');
  await closeDialog(console.dialog('skip-dialog'));

  await console.nav('attention').click();
  await expect(page.getByTestId('attention-row')).toHaveCount(2);
  await page.getByTestId('attention-select').first().check();
  await expect(page.getByTestId('attention-selected')).toHaveAttribute('data-count', '1');
  await audit('Needs attention (one run selected)');
  await page.getByTestId('bulk-replay').click();
  await expect(console.dialog('bulk-confirm-text')).toContainText('1 run');
  await audit('Needs attention, bulk replay dialog');
  await closeDialog(console.dialog('bulk-dialog'));
}

/** Workflows, and one workflow's map and rule editor. */
async function walkWorkflows({ page, console, audit }: Walk): Promise<void> {
  await console.nav('workflows').click();
  await expect(page.getByTestId('workflow-link').first()).toBeVisible();
  await audit('Workflows');
  await page.getByTestId('workflow-link').first().click();
  await expect(page.getByTestId('workflow-map')).toBeVisible();
  await page.getByTestId('map-run').selectOption({ index: 1 });
  await expect(page.locator('[data-testid="map-node"][data-step-id="stripe_customer"]')).toHaveAttribute('data-status', /./);
  await audit('Workflow detail, map with a run overlaid');
  await page.getByTestId('wf-tab-edit').click();
  await expect(console.stepEditor('drive_folder').getByTestId('condition-row')).toBeVisible();
  await page.getByTestId('dry-run').click();
  await expect(console.dryRunStep('drive_folder')).toHaveAttribute('data-outcome', /./);
  await audit('Workflow detail, rule editor with a dry run');
}

/** Endpoints, Connections, Ledger and Settings, with the dialogs they open. */
async function walkSetup({ page, console, audit, closeDialog }: Walk): Promise<void> {
  await console.nav('endpoints').click();
  await expect(console.endpoint('contracts')).toBeVisible();
  await expect(page.getByTestId('delivery-row').first()).toBeVisible();
  await audit('Endpoints');
  await page.getByTestId('new-endpoint').click();
  await expect(console.dialog('endpoint-dialog')).toBeVisible();
  await audit('Endpoints, new endpoint form');
  await closeDialog(console.dialog('endpoint-dialog'));

  await console.nav('connections').click();
  await expect(console.connection('stripe').getByTestId('credential-state')).toHaveText('Not set');
  await audit('Connections');
  await console.connection('stripe').getByTestId('set-credential').click();
  await expect(console.dialog('set-credential-dialog')).toBeVisible();
  await audit('Connections, credential dialog');
  await closeDialog(console.dialog('set-credential-dialog'));

  await console.nav('ledger').click();
  const entry = page.getByTestId('ledger-row').first();
  await entry.locator('summary').click();
  await expect(entry.locator('pre')).toBeVisible();
  await audit('Ledger, one entry open');
  await page.getByTestId('export-ledger').click();
  await expect(console.dialog('export-dialog')).toBeVisible();
  await audit('Ledger, export dialog');
  await closeDialog(console.dialog('export-dialog'));

  await console.nav('settings').click();
  await expect(page.getByTestId('settings-view')).toBeVisible();
  await audit('Settings');
}

/** Visits every view, and the dialogs opened from them, auditing each as it stands. */
async function auditEveryView(page: Page, console: ConsolePage, data: OnboardingData, theme: string): Promise<AuditFinding[]> {
  const findings: AuditFinding[] = [];
  const walk: Walk = {
    page,
    console,
    data,
    audit: async (where) => void findings.push(...(await auditPage(page, `${theme}: ${where}`))),
    async closeDialog(dialog) {
      await page.keyboard.press('Escape');
      await expect(dialog).toHaveCount(0);
    },
  };
  await walkRuns(walk);
  await walkWorkflows(walk);
  await walkSetup(walk);
  return findings;
}

test('every view and its dialogs pass the WCAG 2.1 AA audit in the light and the dark theme', async ({ page }) => {
  test.setTimeout(180_000);
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const data = await onboardingData(console);

  const findings: AuditFinding[] = [];
  for (const theme of ['light', 'dark'] as const) {
    await chooseTheme(page, console, theme);
    findings.push(...(await auditEveryView(page, console, data, theme)));
  }
  expect(findings, `serious or critical accessibility violations:\n${describeFindings(findings)}`).toEqual([]);
});

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it is not reached within `max` presses. */
async function tabTo(page: Page, target: Locator, { backward = false, max = 80 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(backward ? 'Shift+Tab' : 'Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`${backward ? 'Shift+Tab' : 'Tab'} did not reach ${target.toString()} in ${max} presses`);
}

const focusIsIn = (dialog: Locator) => dialog.evaluate((el) => el.contains(document.activeElement));

/** Opens an operator dialog from its (focused) button with Enter, checks Tab and Shift+Tab stay inside it, closes it with Escape. */
async function checkDialogFromKeyboard(page: Page, opener: Locator, dialog: Locator): Promise<void> {
  await expect(opener).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toBeVisible();
  expect(await focusIsIn(dialog), 'focus moves into the dialog when it opens').toBe(true);
  expect(await dialog.evaluate(() => document.activeElement?.closest('.dialog-head') === null), 'on its first field, not its close button').toBe(true);
  // More presses than the dialog has controls, so focus has to wrap around (both ways) to stay inside.
  const stops = await dialog.locator('button, input, select, textarea, a[href]').count();
  for (const key of ['Tab', 'Shift+Tab']) {
    for (let i = 0; i < stops + 2; i++) {
      await page.keyboard.press(key);
      expect(await focusIsIn(dialog), `${key} #${i + 1} keeps focus inside the dialog`).toBe(true);
    }
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(opener).toBeFocused();
}

test('the main flows work from the keyboard alone', async ({ page }) => {
  test.setTimeout(120_000);
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const data = await onboardingData(console);

  // Tab reaches the navigation, then the runs list; Enter on a run opens it and lands on its heading.
  await tabTo(page, console.nav('runs'), { max: 15 });
  const stuckLink = console.run(data.stuck[0]!).getByRole('link');
  await tabTo(page, stuckLink, { max: 40 });
  await page.keyboard.press('Enter');
  await expect(console.runDetail).toHaveAttribute('data-status', 'needs_attention');
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();

  // Every operator action's dialog: opened with Enter, traps focus, Escape closes it and focus returns to its button.
  const step = console.step('stripe_customer');
  const actions: [Locator, string][] = [
    [page.getByTestId('run-replay'), 'replay-dialog'],
    [page.getByTestId('run-replay-edited'), 'edited-trigger-dialog'],
    [page.getByTestId('run-cancel'), 'cancel-dialog'],
    [step.getByTestId('step-retry'), 'retry-dialog'],
    [step.getByTestId('step-retry-from'), 'retry-from-dialog'],
    [step.getByTestId('step-skip'), 'skip-dialog'],
  ];
  for (const [opener, dialog] of actions) {
    await tabTo(page, opener);
    await checkDialogFromKeyboard(page, opener, console.dialog(dialog));
  }

  // Needs attention: Space picks runs one by one and all at once; the bulk action says how many.
  await tabTo(page, console.nav('attention'), { backward: true });
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('attention-row')).toHaveCount(2);
  await expect(page.getByRole('heading', { level: 1 })).toBeFocused();
  const boxes = page.getByTestId('attention-select');
  const selected = page.getByTestId('attention-selected');
  await tabTo(page, boxes.first(), { max: 10 });
  await page.keyboard.press('Space');
  await expect(boxes.first()).toBeChecked();
  await expect(selected).toHaveText('1 of 2 selected');
  await tabTo(page, boxes.nth(1), { max: 5 });
  await page.keyboard.press('Space');
  await expect(selected).toHaveText('2 of 2 selected');
  const all = page.getByTestId('attention-select-all');
  await expect(all).toBeChecked();
  await tabTo(page, all, { backward: true, max: 10 });
  await page.keyboard.press('Space');
  await expect(selected).toHaveAttribute('data-count', '0');
  await expect(boxes.first()).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(selected).toHaveText('2 of 2 selected');

  const bulkReplay = page.getByTestId('bulk-replay');
  const bulkDialog = console.dialog('bulk-dialog');
  await tabTo(page, bulkReplay, { backward: true, max: 10 });
  await checkDialogFromKeyboard(page, bulkReplay, bulkDialog);
  // Again: the confirmation says how many, and its Cancel button (not only Escape) gives focus back too.
  await page.keyboard.press('Enter');
  await expect(console.dialog('bulk-confirm-text')).toContainText('2 runs you selected');
  await tabTo(page, bulkDialog.getByRole('button', { name: 'Cancel' }), { max: 10 });
  await page.keyboard.press('Enter');
  await expect(bulkDialog).toHaveCount(0);
  await expect(bulkReplay).toBeFocused();
});
