/** Cancelling an export: it stops between chunks, leaves no file (partial or final), and the ledger says so. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import { exportLedger } from './export';
import type { ExportFormat } from './export-context';
import { Ledger } from './ledger';
import { isLedgerWorkCancelled } from './work-control';

const stores: ReturnType<typeof tempStore>[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

function bigLedger(entries: number) {
  const store = tempStore();
  stores.push(store);
  const ledger = new Ledger(store.sqlite);
  const batch = Array.from({ length: entries }, (_, i) => ({ kind: 'http.exchange' as const, runId: `run-${i % 50}`, connector: 'stripe', payload: { i, body: 'x'.repeat(200) } }));
  ledger.appendAll(batch);
  return store;
}

const lastEntry = (store: ReturnType<typeof tempStore>) =>
  store.sqlite.prepare('SELECT kind, payload FROM ledger_entries ORDER BY seq DESC LIMIT 1').get() as { kind: string; payload: string };

describe('cancelling an export', () => {
  it.each<ExportFormat>(['csv', 'xlsx'])('%s: stops between chunks, removes the partial file and records the cancellation', async (format) => {
    const store = bigLedger(3_000);
    const output = path.join(store.dir, 'exports', `ledger.${format}`);
    fs.mkdirSync(path.dirname(output));
    const controller = new AbortController();
    const seen: number[] = [];
    const exporting = exportLedger({
      database: store.file, format, output, filters: { connector: 'stripe' }, who: 'Dana (ops)',
      control: { signal: controller.signal, onProgress: (done) => {
        seen.push(done);
        if (done > 0) controller.abort();
      } },
    });
    const error = await exporting.then(() => null, (e: unknown) => e);
    expect(isLedgerWorkCancelled(error), String(error)).toBe(true);
    expect((error as Error).message).toMatch(/cancelled after reading [\d,]+ of 3,000 entries; its partial file was removed/);
    // It stopped at the first chunk after the cancel, not at the end.
    expect(Math.max(...seen)).toBeLessThan(3_000);
    expect(fs.readdirSync(path.dirname(output))).toEqual([]);
    const recorded = lastEntry(store);
    expect(recorded.kind).toBe('operator.action');
    expect(JSON.parse(recorded.payload)).toMatchObject({
      action: 'ledger.export_cancelled', who: 'Dana (ops)',
      after: { format, file: output, filters: { connector: 'stripe' }, entriesInScope: 3_000, fileRemoved: true },
    });
  });

  it('a cancel that comes after the last chunk still stops it before the file takes its place', async () => {
    const store = bigLedger(10);
    const output = path.join(store.dir, 'small.csv');
    const controller = new AbortController();
    const exporting = exportLedger({
      database: store.file, format: 'csv', output, filters: {}, who: 'Dana',
      control: { signal: controller.signal, onProgress: () => controller.abort() },
    });
    await expect(exporting).rejects.toThrow(/cancelled/);
    expect(fs.existsSync(output)).toBe(false);
    expect(JSON.parse(lastEntry(store).payload).action).toBe('ledger.export_cancelled');
  });

  it('reports progress through to the end when nobody cancels', async () => {
    const store = bigLedger(1_000);
    const seen: [number, number | null][] = [];
    const receipt = await exportLedger({ database: store.file, format: 'csv', output: path.join(store.dir, 'all.csv'), filters: {}, who: 'Dana', control: { onProgress: (d, t) => seen.push([d, t]) } });
    expect(receipt.entries).toBe(1_000);
    expect(seen[0]).toEqual([0, 1_000]);
    expect(seen.every(([done, total]) => total === 1_000 && done <= 1_000)).toBe(true);
    expect(seen.at(-1)![0]).toBeGreaterThanOrEqual(768);
    expect(JSON.parse(lastEntry(store).payload).action).toBe('ledger.exported');
  });
});
