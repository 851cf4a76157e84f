/**
 * Exports over entries appended through the real Ledger, with content chosen to break naive writers:
 * separators, quotes and line breaks in every text column, non-Latin text, formulas, oversized payloads.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import { EXPORT_COLUMNS } from './export-columns';
import { exportLedger, type ExportRequest } from './export';
import { Ledger } from './ledger';
import { readCsv } from './testing/rfc4180';

const stores: ReturnType<typeof tempStore>[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

const NASTY = 'Müller, "Søn" & Co\r\nline 2\nline 3\r=HYPERLINK("x") 東京 🚀';

function ledgerWith(build: (ledger: Ledger) => void) {
  const store = tempStore();
  stores.push(store);
  let t = Date.UTC(2026, 10, 1);
  build(new Ledger(store.sqlite, () => (t += 1000)));
  const request = (format: ExportRequest['format'], extra: Partial<ExportRequest> = {}): ExportRequest => ({
    database: store.file, format, output: path.join(store.dir, `out.${format}`), filters: {}, who: 'test', ...extra,
  });
  return { store, request };
}

describe('exports', () => {
  it('writes CSV that a strict RFC 4180 reader gives back exactly, whatever the entries hold', async () => {
    const { store, request } = ledgerWith((l) => {
      l.append({ kind: 'operator.action', clientKey: NASTY, connector: 'a,b', payload: { note: NASTY, list: [NASTY] } });
      l.append({ kind: 'config.changed', payload: { change: 'workflow.published', workflowId: 'w1' } });
    });
    const receipt = await exportLedger(request('csv'));
    const [header, ...rows] = readCsv(fs.readFileSync(receipt.file, 'utf8'));
    expect(header).toEqual([...EXPORT_COLUMNS]);
    expect(rows).toHaveLength(2);
    const first = Object.fromEntries(header!.map((h, i) => [h, rows[0]![i]]));
    expect(first).toMatchObject({ client_key: NASTY, client: NASTY, connector: 'a,b', at: '2026-11-01T00:00:01.000Z', at_ms: String(Date.UTC(2026, 10, 1) + 1000) });
    expect(JSON.parse(first.payload!).note).toBe(NASTY);
    expect(fs.readFileSync(receipt.file).subarray(0, 3).toString('hex')).not.toBe('efbbbf'); // no byte-order mark
    expect(receipt).toMatchObject({ entries: 2, firstSeq: 1, lastSeq: 2, recordedAs: 3 });
    expect(store.sqlite.prepare('SELECT kind FROM ledger_entries WHERE seq = 3').pluck().get()).toBe('operator.action');
  });

  it('exports an empty ledger as a header only, and says so in the PDF', async () => {
    const { request } = ledgerWith(() => {});
    const csv = await exportLedger(request('csv'));
    expect(fs.readFileSync(csv.file, 'utf8')).toBe(`${EXPORT_COLUMNS.join(',')}\r\n`);
    expect(csv).toMatchObject({ entries: 0, firstSeq: null, recordedAs: 1 });
    const pdf = await exportLedger(request('pdf'));
    expect(fs.readFileSync(pdf.file).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('cuts payloads longer than an Excel cell in XLSX, and keeps them whole in CSV', async () => {
    const long = 'x'.repeat(40_000);
    const { request } = ledgerWith((l) => l.append({ kind: 'http.exchange', connector: 'http', payload: { body: long } }));
    const xlsx = await exportLedger(request('xlsx'));
    const book = await new ExcelJS.Workbook().xlsx.readFile(xlsx.file);
    const payload = String(book.getWorksheet('Entries')!.getRow(2).getCell(EXPORT_COLUMNS.indexOf('payload') + 1).value);
    expect(payload.length).toBe(32_767);
    expect(payload).toMatch(/cut at 32767 of 40011 characters; the CSV export holds it whole\]$/);
    const csv = await exportLedger(request('csv'));
    expect(fs.readFileSync(csv.file, 'utf8')).toContain(long);
  });

  it('selects by workflow: its runs\' entries and the configuration changes that name it', async () => {
    const { store, request } = ledgerWith((l) => {
      l.append({ kind: 'config.changed', payload: { change: 'workflow.published', workflowId: 'billing' } });
      l.append({ kind: 'config.changed', payload: { change: 'workflow.published', workflowId: 'other' } });
      l.append({ kind: 'run.created', runId: 'r1', clientKey: 'C-9', payload: { workflowId: 'billing' } });
      l.append({ kind: 'step.status', runId: 'r1', stepId: 's', payload: { from: 'queued', to: 'running' } });
    });
    store.sqlite.prepare(`INSERT INTO runs (id, workflow_id, workflow_version, client_key, trigger, status, created_at, updated_at)
      VALUES ('r1', 'billing', 1, 'C-9', '{}', 'running', 0, 0)`).run();
    const receipt = await exportLedger(request('csv', { filters: { workflowId: 'billing' } }));
    const rows = readCsv(fs.readFileSync(receipt.file, 'utf8')).slice(1);
    expect(rows.map((r) => Number(r[0]))).toEqual([1, 3, 4]);
    expect(rows.map((r) => r[EXPORT_COLUMNS.indexOf('client')])).toEqual(['', 'C-9', 'C-9']);
  });

  it('leaves no file behind when the export fails, and records nothing', async () => {
    const { store, request } = ledgerWith((l) => l.append({ kind: 'run.created', payload: {} }));
    const recorded: unknown[] = [];
    const record = (e: unknown) => (recorded.push(e), { seq: 0 });
    await expect(exportLedger(request('csv', { record, filters: { from: {} as number } }))).rejects.toThrow();
    expect(fs.readdirSync(store.dir).filter((f) => f.includes('out'))).toEqual([]);
    expect(recorded).toEqual([]);
  });

  it('does not save an export it could not record, and leaves an earlier file alone', async () => {
    const { store, request } = ledgerWith((l) => l.append({ kind: 'run.created', payload: {} }));
    fs.writeFileSync(path.join(store.dir, 'out.csv'), 'an earlier export');
    const refused = request('csv', { record: () => { throw new Error('database is locked'); } });
    await expect(exportLedger(refused)).rejects.toThrow(/could not be recorded in the ledger, so it was not saved: database is locked/);
    expect(fs.readdirSync(store.dir).filter((f) => f.includes('out'))).toEqual(['out.csv']);
    expect(fs.readFileSync(path.join(store.dir, 'out.csv'), 'utf8')).toBe('an earlier export');
  });
});
