/**
 * The console over a long history: thousands of runs seeded through the core into the data folder before
 * `keel serve` starts (main/test-support/seed-runs.ts). The runs list pages from the server as it scrolls and
 * filters over every run; the ledger search finds an entry far past its first page; an export of the whole
 * ledger is cancelled from its progress bar. Each view is saved as a screenshot.
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';
import { seedDataDir, type SeededRun } from '../../main/test-support/seed-runs';
import { shot } from '../fixtures/screenshot';

const RUNS = 6_000;
let keel: KeelProcess;
let seeded: SeededRun[];

test.beforeEach(async () => {
  keel = await startKeelProcess({}, { prepare: (dataDir) => void (seeded = seedDataDir(dataDir, { count: RUNS, days: 120 })) });
});

test.afterEach(async () => {
  await keel.stop();
});

test('the runs list pages through thousands of runs as it scrolls, and filters over all of them', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  const count = page.getByTestId('runs-count');
  await expect(count).toHaveAttribute('data-total', String(RUNS));
  await expect(count).toHaveText(`${RUNS.toLocaleString('en-US')} runs.`);
  const table = page.getByTestId('runs-table');
  await expect(table).toHaveAttribute('data-count', String(RUNS));
  // The newest run first; only a window of rows is in the page.
  await expect(console.runRows().first()).toContainText(seeded.at(-1)!.clientKey);
  expect(await console.runRows().count()).toBeLessThan(60);
  await shot(page, testInfo, 'runs-list-paged');

  // Scrolling on past the first page fetches the next one, after the last run shown.
  const scroller = page.getByTestId('runs-scroller');
  await scroller.evaluate((el) => (el.scrollTop = 56 * 400));
  await expect(table).toHaveAttribute('data-loaded', 'true');
  await expect(console.run(seeded[RUNS - 1 - 405]!.clientKey)).toBeVisible();

  // A jump to the end of the list: the oldest runs, fetched at their offset.
  await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
  await expect(table).toHaveAttribute('data-loaded', 'true');
  await expect(console.run(seeded[0]!.clientKey)).toBeVisible();
  await shot(page, testInfo, 'runs-list-scrolled-to-oldest');

  // Filters run over every run on the server: an old client found by its key, a status counted in full.
  await page.getByTestId('runs-search').fill(seeded[7]!.clientKey.toLowerCase());
  await expect(count).toHaveText('1 run matches.');
  await expect(console.runRows()).toHaveCount(1);
  await expect(console.runRows().first()).toContainText(seeded[7]!.clientKey);
  await page.getByTestId('runs-clear-filters').click();
  await page.getByTestId('run-status-filter').getByText('Needs attention').click();
  const stuck = seeded.filter((r) => r.status === 'needs_attention').length;
  await expect(count).toHaveAttribute('data-total', String(stuck));
  await page.getByTestId('runs-workflow').selectOption('invoice-paid');
  const stuckInvoices = seeded.filter((r) => r.status === 'needs_attention' && r.workflowId === 'invoice-paid').length;
  await expect(count).toHaveText(`${stuckInvoices} runs match.`);
  await shot(page, testInfo, 'runs-list-filtered');

  // A date range covers whole local days; one that ends before it starts is said, not sent.
  await page.getByTestId('runs-clear-filters').click();
  await page.getByTestId('run-status-filter').getByText('All').click();
  const day = new Date(seeded[2_000]!.createdAt);
  const ymd = (d: Date) => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const dayStart = new Date(day.getFullYear(), day.getMonth(), day.getDate()).getTime();
  const dayEnd = new Date(day.getFullYear(), day.getMonth(), day.getDate() + 1).getTime() - 1;
  const thatDay = seeded.filter((r) => r.createdAt >= dayStart && r.createdAt <= dayEnd).length;
  await page.getByTestId('runs-from').fill(ymd(day));
  await page.getByTestId('runs-to').fill(ymd(day));
  await expect(count).toHaveAttribute('data-total', String(thatDay));
  await page.getByTestId('runs-to').fill(ymd(new Date(dayStart - 86_400_000)));
  await expect(page.getByTestId('run-filters').getByRole('alert')).toHaveText('The end date is before the start date.');
  await expect(count).toHaveAttribute('data-total', String(thatDay));
  await page.getByTestId('runs-clear-filters').click();
  await expect(page.getByTestId('runs-from')).toHaveValue('');
  await expect(page.getByTestId('runs-to')).toHaveValue('');
  await expect(count).toHaveAttribute('data-total', String(RUNS));

  // Live updates still arrive: a new contract joins the top of the full list.
  const sent = await keel.cli(['demo', 'send-contract', '--plan', 'standard']);
  const contractId = /contract (C-\d{4}-[0-9A-F]+)/.exec(sent.stdout)![1]!;
  await expect(console.runRows().first()).toContainText(contractId);
  await expect(count).toHaveAttribute('data-total', String(RUNS + 1));
});

test('the ledger search finds an entry far past the first page, over the whole ledger', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('ledger').click();
  const old = seeded[3]!;
  await expect(page.getByTestId('ledger-row')).toHaveCount(100);
  await expect(page.getByTestId('ledger-table')).not.toContainText(old.clientKey);

  await page.getByTestId('ledger-search').fill(old.clientKey);
  const rows = page.getByTestId('ledger-row');
  await expect(rows.filter({ hasText: old.clientKey }).first()).toBeVisible();
  await page.getByTestId('ledger-kind').selectOption('run.created');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-kind', 'run.created');
  await expect(page.getByTestId('ledger-status')).toHaveAttribute('data-more', 'false');
  await shot(page, testInfo, 'ledger-search-old-entry');

  // A date range on the day after it leaves nothing; Clear empties the dates along with the rest.
  const next = new Date(old.createdAt + 86_400_000);
  const ymd = `${next.getFullYear()}-${String(next.getMonth() + 1).padStart(2, '0')}-${String(next.getDate()).padStart(2, '0')}`;
  await page.getByTestId('ledger-from').fill(ymd);
  await page.getByTestId('ledger-to').fill(ymd);
  await expect(rows).toHaveCount(0);
  await page.getByTestId('ledger-clear-filters').click();
  await expect(page.getByTestId('ledger-from')).toHaveValue('');
  await expect(rows).toHaveCount(100);
  await page.getByTestId('ledger-search').fill(old.clientKey);
  await page.getByTestId('ledger-kind').selectOption('run.created');
  await expect(rows).toHaveCount(1);

  // Its run is one click away.
  await rows.first().getByRole('link', { name: old.clientKey }).click();
  await expect(console.runDetail).toHaveAttribute('data-status', old.status);
});

test('an export of the whole ledger is cancelled from its progress bar: no file, and the ledger says so', async ({ page }, testInfo) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl);
  await console.nav('ledger').click();
  await page.getByTestId('export-ledger').click();
  const dialog = console.dialog('export-dialog');
  await dialog.getByLabel('Excel (XLSX)').check();
  await console.act(dialog, 'Ops Manager', 'full audit copy');
  const status = page.getByTestId('export-status');
  await expect(status).toHaveAttribute('data-state', 'running');
  await expect(page.getByTestId('export-progress-bar')).toBeVisible();
  await shot(page, testInfo, 'ledger-export-progress');
  await page.getByTestId('export-progress-cancel').click();

  await expect(status).toHaveAttribute('data-state', 'cancelled');
  await expect(page.getByTestId('export-cancelled')).toContainText('partial file was removed');
  await shot(page, testInfo, 'ledger-export-cancelled');
  const exports = path.join(keel.dataDir, 'exports');
  expect(await readdir(exports)).toEqual([]);

  // The cancellation is in the ledger, with who asked for the export.
  await page.getByTestId('ledger-kind').selectOption('operator.action');
  await page.getByTestId('ledger-search').fill('export_cancelled');
  const entry = page.getByTestId('ledger-row').first();
  await expect(entry).toContainText('ledger.export_cancelled');
  await entry.locator('summary').click();
  await expect(entry.locator('pre')).toContainText('"who": "Ops Manager"');
});
