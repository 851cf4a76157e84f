/**
 * The console's runs list with 100,000 runs (BENCH_RUNS), in Debian's Chromium through playwright-core against a
 * real `keel serve`: the first page of the list fetched and painted, mounting the view, filter changes (each
 * one a query over every run on the server), typing into the search box, and scrolling (a jump, then its page).
 * The runs are seeded through the core into the data folder before Keel starts (main/test-support/seed-runs.ts);
 * the page is opened with `?bench`, which installs a small measuring hook (renderer/src/bench/hook.ts); each
 * figure runs from the change to the painted frame that shows its result, timed inside the page. Needs a built
 * renderer (`npx electron-vite build`).
 */
import { chromium } from 'playwright-core';
import type {} from '../../renderer/src/bench/hook'; // declares window.__keelBench
import { startKeelProcess } from '../../e2e/fixtures/keel-process';
import { seedDataDir } from '../../main/test-support/seed-runs';
import { percentile, round } from '../measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const DAYS = 300;
const DAY = 86_400_000;

let seedMs = 0;
const keel = await startKeelProcess({}, {
  prepare: (dataDir) => {
    const t0 = performance.now();
    seedDataDir(dataDir, { count: RUNS, days: DAYS, clientPrefix: 'C-2026-', needsAttentionPer100: 2, cancelledPer100: 8 });
    seedMs = performance.now() - t0;
  },
});
const browser = await chromium.launch({
  executablePath: process.env.KEEL_CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(keel.consoleUrl); // swaps the one-time token for the session cookie
  const origin = new URL(keel.consoleUrl).origin;
  await page.goto(`${origin}/?bench#/runs`);
  await page.locator('[data-app-state="loaded"]').waitFor();
  await page.waitForFunction(() => window.__keelBench !== undefined);

  // First render: the list's first page and count fetched from the server, then painted.
  const firstRender: number[] = [];
  let rowsRendered = 0;
  let total = 0;
  for (let i = 0; i < REPEAT; i++) {
    const r = await page.evaluate(() => window.__keelBench!.load());
    firstRender.push(r.ms);
    rowsRendered = r.rowsInDom;
    total = r.total;
  }

  // Mount: opening the runs view from another page, the list already in the store.
  const mount: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    await page.evaluate(() => (window.location.hash = '#/ledger'));
    await page.getByTestId('ledger-view').waitFor();
    mount.push(await page.evaluate(() => new Promise<number>((resolve) => {
      const t0 = performance.now();
      window.location.hash = '#/runs';
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
    })));
  }

  // Filter changes, each from the store change to the painted result; every case is undone before the next.
  const t0 = Date.now() - DAYS * DAY;
  const cases: Record<string, Record<string, unknown>> = {
    'text (narrow)': { text: 'c-2026-04217' },
    'text (broad)': { text: 'offboarding' },
    workflow: { workflowId: 'invoice-paid' },
    'client prefix': { clientKey: 'C-2026-05' },
    'date range (30 days)': { from: t0 + 100 * DAY, to: t0 + 130 * DAY },
    'all together': { text: '7', workflowId: 'contract-renewal', from: t0 + 10 * DAY, to: t0 + 200 * DAY },
  };
  const clear = { text: '', workflowId: '', clientKey: '', from: undefined, to: undefined };
  const filters: Record<string, { p50Ms: number; maxMs: number; shown: number }> = {};
  const allFilter: number[] = [];
  const clearing: number[] = [];
  for (const [name, change] of Object.entries(cases)) {
    const times: number[] = [];
    let shown = 0;
    for (let i = 0; i < REPEAT; i++) {
      const r = await page.evaluate((c) => window.__keelBench!.refine(c), change);
      times.push(r.ms);
      shown = r.shown;
      clearing.push((await page.evaluate((c) => window.__keelBench!.refine(c), clear)).ms);
    }
    allFilter.push(...times);
    filters[name] = { p50Ms: round(percentile(times, 50)), maxMs: round(Math.max(...times)), shown };
  }

  // Typing into the search box: keydown to the painted result of its query, per key, through the real input.
  const search = page.getByTestId('runs-search');
  await search.click();
  const typing: number[] = [];
  for (const key of 'c-2026-0421') {
    await page.evaluate(() => window.__keelBench!.armKeyTiming());
    await page.keyboard.type(key);
    typing.push((await page.evaluate(() => window.__keelBench!.keyTiming())).ms);
  }
  await search.fill('');
  await page.evaluate(() => window.__keelBench!.refine({ text: '' }));

  // Scrolling: jumps across the list; each to its first painted frame, and to the frame with its page's rows.
  const scroll: number[] = [];
  const scrollFilled: number[] = [];
  const scrollRows: number[] = [];
  for (const top of [56 * 1_000, 56 * 50_000, 56 * (RUNS - 1_000), 0, 56 * 25_000]) {
    const r = await page.evaluate((t) => window.__keelBench!.scroll(t), Math.max(0, top));
    scroll.push(r.ms);
    scrollFilled.push(r.filledMs);
    scrollRows.push(r.rowsInDom);
  }
  const rowsInDomAfterScroll = await page.getByTestId('run-row').count();

  console.log(JSON.stringify({
    scenario: 'runs-list',
    settings: {
      runs: RUNS, listed: total, repeat: REPEAT, seededInMs: round(seedMs), browser: `Chromium ${browser.version()} (headless, --disable-gpu)`, viewport: '1440x900',
      measured: 'change to the painted frame showing its result, in the page; filters and pages are queries to keel serve',
    },
    firstRender: { p50Ms: round(percentile(firstRender, 50)), maxMs: round(Math.max(...firstRender)), firstMs: round(firstRender[0]!), rowsInDom: rowsRendered },
    mount: { p50Ms: round(percentile(mount, 50)), maxMs: round(Math.max(...mount)) },
    filterChange: { p50Ms: round(percentile(allFilter, 50)), maxMs: round(Math.max(...allFilter)), cases: filters },
    clearFilters: { p50Ms: round(percentile(clearing, 50)), maxMs: round(Math.max(...clearing)) },
    typing: { p50Ms: round(percentile(typing, 50)), maxMs: round(Math.max(...typing)), keys: typing.length },
    scroll: {
      p50Ms: round(percentile(scroll, 50)), maxMs: round(Math.max(...scroll)),
      filledP50Ms: round(percentile(scrollFilled, 50)), filledMaxMs: round(Math.max(...scrollFilled)),
      rowsInDom: rowsInDomAfterScroll, rowsInDomPerJump: scrollRows,
    },
  }));
} finally {
  await browser.close();
  await keel.stop();
}
