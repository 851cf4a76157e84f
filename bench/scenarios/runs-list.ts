/**
 * The console's runs list with 100,000 runs (BENCH_RUNS), in Debian's Chromium through playwright-core against a
 * real `keel serve`: the first render after the runs reach the store, mounting the view with them loaded,
 * filter changes, typing into the search box, and scrolling. The page is opened with `?bench`, which installs
 * a small measuring hook (renderer/src/bench/hook.ts); each figure runs from the change to the next painted
 * frame, timed inside the page. Needs a built renderer (`npx electron-vite build`).
 */
import { chromium } from 'playwright-core';
import type { RunSummary } from '../../preload/api';
import type {} from '../../renderer/src/bench/hook'; // declares window.__keelBench
import { startKeelProcess } from '../../e2e/fixtures/keel-process';
import { percentile, round } from '../measure';

const RUNS = Number(process.env.BENCH_RUNS ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const DAY = 86_400_000;

declare global {
  interface Window {
    __benchRows?: RunSummary[];
  }
}

const keel = await startKeelProcess();
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

  // Synthetic runs, made in the page so the figures do not include shipping 100,000 objects over the protocol.
  await page.evaluate(({ count, day }) => {
    const statuses = ['completed', 'completed', 'completed', 'running', 'needs_attention', 'cancelled'] as const;
    const workflows = [['client-onboarding', 'Client onboarding'], ['invoice-paid', 'Invoice paid'], ['offboarding', 'Client offboarding']] as const;
    const t0 = Date.UTC(2026, 0, 1);
    const rows: RunSummary[] = [];
    for (let i = 0; i < count; i++) {
      const [workflowId, workflowName] = workflows[i % 3]!;
      const status = statuses[(i * 7) % statuses.length]!;
      const createdAt = t0 + Math.floor((i / count) * 300 * day);
      rows.push({
        id: `run-${i.toString(16).padStart(8, '0')}`, workflowId, workflowName, workflowVersion: 1 + (i % 4),
        clientKey: `C-2026-${String(i).padStart(6, '0')}`, status, createdAt, updatedAt: createdAt + 5_000,
        finishedAt: status === 'running' ? null : createdAt + 5_000, attempts: 4 + (i % 3), stepCount: 6, stepsDone: status === 'completed' ? 6 : 3,
      });
    }
    window.__benchRows = rows;
  }, { count: RUNS, day: DAY });

  // First render: 100,000 runs handed to the store as a fetch result (sorted, filtered, windowed, painted).
  const firstRender: number[] = [];
  let rowsRendered = 0;
  for (let i = 0; i < REPEAT; i++) {
    await page.evaluate(() => window.__keelBench!.load([]));
    const r = await page.evaluate(() => window.__keelBench!.load(window.__benchRows!));
    firstRender.push(r.ms);
    rowsRendered = r.rowsInDom;
  }

  // Mount: opening the runs view from another page with the 100,000 runs already in the store.
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

  // Filter changes, each from the store change to the painted frame; every case is undone before the next.
  const t0 = Date.UTC(2026, 0, 1);
  const cases: Record<string, Record<string, unknown>> = {
    'text (narrow)': { text: 'c-2026-04217' },
    'text (broad)': { text: 'onboarding' },
    workflow: { workflowId: 'invoice-paid' },
    'client prefix': { clientKey: 'C-2026-05' },
    'date range (30 days)': { from: t0 + 100 * DAY, to: t0 + 130 * DAY },
    'all together': { text: '7', workflowId: 'client-onboarding', from: t0 + 10 * DAY, to: t0 + 200 * DAY },
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

  // Typing into the search box: keydown to painted frame, per key, through the real input.
  const search = page.getByTestId('runs-search');
  await search.click();
  const typing: number[] = [];
  for (const key of 'c-2026-0421') {
    await page.evaluate(() => window.__keelBench!.armKeyTiming());
    await page.keyboard.type(key);
    typing.push((await page.evaluate(() => window.__keelBench!.keyTiming())).ms);
  }
  await search.fill('');

  // Scrolling: jumps across the list, each to its painted frame.
  const scroll: number[] = [];
  const scrollRows: number[] = [];
  for (const top of [56 * 1_000, 56 * 50_000, 56 * 99_000, 0, 56 * 25_000]) {
    const r = await page.evaluate((t) => window.__keelBench!.scroll(t), top);
    scroll.push(r.ms);
    scrollRows.push(r.rowsInDom);
  }
  const rowsInDomAfterScroll = await page.getByTestId('run-row').count();

  console.log(JSON.stringify({
    scenario: 'runs-list',
    settings: { runs: RUNS, repeat: REPEAT, browser: `Chromium ${browser.version()} (headless, --disable-gpu)`, viewport: '1440x900', measured: 'change to next painted frame, in the page' },
    firstRender: { p50Ms: round(percentile(firstRender, 50)), maxMs: round(Math.max(...firstRender)), firstMs: round(firstRender[0]!), rowsInDom: rowsRendered },
    mount: { p50Ms: round(percentile(mount, 50)), maxMs: round(Math.max(...mount)) },
    filterChange: { p50Ms: round(percentile(allFilter, 50)), maxMs: round(Math.max(...allFilter)), cases: filters },
    clearFilters: { p50Ms: round(percentile(clearing, 50)), maxMs: round(Math.max(...clearing)) },
    typing: { p50Ms: round(percentile(typing, 50)), maxMs: round(Math.max(...typing)), keys: typing.length },
    scroll: { p50Ms: round(percentile(scroll, 50)), maxMs: round(Math.max(...scroll)), rowsInDom: rowsInDomAfterScroll, rowsInDomPerJump: scrollRows },
  }));
} finally {
  await browser.close();
  await keel.stop();
}
