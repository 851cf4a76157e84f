/**
 * Streaming exports of a large ledger: time and memory of CSV, XLSX and PDF exports of every entry
 * (BENCH_LEDGER_ENTRIES, default 200,000; the figure is 1,000,000). The ledger is built in a child
 * process, so the RSS figures are the export's own: the baseline is taken after opening, before exporting.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportLedger } from '../../main/ledger/export';
import type { ExportFormat } from '../../main/ledger/export-context';
import { round, rssSampler } from '../measure';
import { prepareBenchLedger } from './ledger-fixture';

const ENTRIES = Number(process.env.BENCH_LEDGER_ENTRIES ?? 200_000);
const FORMATS = (process.env.BENCH_EXPORT_FORMATS ?? 'csv,xlsx,pdf').split(',') as ExportFormat[];

const { file, builtSeconds } = prepareBenchLedger(ENTRIES);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-export-'));
const figures: Record<string, unknown> = {};
for (const format of FORMATS) {
  global.gc?.();
  const baselineMb = process.memoryUsage.rss() / 1024 / 1024;
  const rss = rssSampler(10);
  const t0 = performance.now();
  const receipt = await exportLedger({ database: file, format, output: path.join(out, `ledger.${format}`), filters: {}, who: 'bench' });
  const seconds = (performance.now() - t0) / 1000;
  rss.stop();
  figures[format] = {
    entries: receipt.entries, seconds: round(seconds), entriesPerSecond: round(receipt.entries / seconds, 0),
    fileMb: round(receipt.bytes / 1024 / 1024, 1), baselineRssMb: round(baselineMb, 1), peakRssMb: rss.peakMb(),
    rssGrowthMb: round(rss.peakMb() - baselineMb, 1),
  };
  fs.rmSync(receipt.file);
}
fs.rmSync(out, { recursive: true, force: true });

console.log(JSON.stringify({
  scenario: 'ledger-export',
  settings: { entries: ENTRIES, formats: FORMATS.join(' '), payload: 'onboarding-shaped, http.exchange ~1.5 KB', ledgerBuiltSeconds: builtSeconds === null ? 'reused' : round(builtSeconds) },
  ...figures,
}));
