/**
 * XLSX export through exceljs's streaming writer: a Summary sheet (the export's scope, runs by outcome, each
 * client, money through Stripe) then an Entries sheet with the CSV's columns. Rows are committed as written
 * and shared strings are off, so memory does not grow with the ledger.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import { describeFilters, describeRange, type ExportContext } from './export-context';
import { EXPORT_COLUMNS, exportRecord, type ExportColumn } from './export-columns';
import { scopedEntries, type ExportFilters } from './export-scope';
import { moneyLines, summarise } from './export-summary';
import { majorUnits } from './money';

/** Excel refuses cells longer than this; longer payloads are cut, with a note (the CSV has them whole). */
const CELL_LIMIT = 32_767;
const TIME_FORMAT = 'yyyy-mm-dd hh:mm:ss.000';

type Sheet = ExcelJS.Worksheet;

/**
 * Waits for the zip to take what the sheet wrote. exceljs's sheet stream (its StreamBuf) ignores backpressure
 * and archiver parks an entry's bytes in a PassThrough until it compresses them, so without this the whole
 * sheet would sit in memory. Rows are also produced synchronously, so nothing leaves until the loop yields.
 */
async function breathe(sheet: Sheet, out: Writable): Promise<void> {
  // exceljs 4.4 internals: the sheet's stream and the PassThrough archiver piped it into, an npm
  // readable-stream 2 without `writableNeedDrain` (absent altogether: only yield).
  type ZipEntry = Writable & { _writableState?: { needDrain?: boolean } };
  const zipEntry = (sheet as unknown as { stream?: { pipes?: ZipEntry[] } }).stream?.pipes?.[0];
  if (zipEntry && (zipEntry.writableNeedDrain ?? zipEntry._writableState?.needDrain)) await once(zipEntry, 'drain');
  if (out.writableNeedDrain) await once(out, 'drain');
  else await new Promise((resolve) => setImmediate(resolve));
}

function heading(sheet: Sheet, title: string, columns?: string[]): void {
  sheet.addRow([]).commit();
  const row = sheet.addRow([title]);
  row.font = { bold: true, size: 12 };
  row.commit();
  if (columns) {
    const header = sheet.addRow(columns);
    header.font = { bold: true };
    header.commit();
  }
}

const utcDate = (ms: number) => new Date(ms);

async function writeSummary(sheet: Sheet, sqlite: Database.Database, context: ExportContext, out: Writable): Promise<void> {
  const { stats, head, filters } = context;
  const summary = summarise(sqlite, filters);
  sheet.columns = [{ width: 26 }, { width: 22 }, { width: 22 }, { width: 22 }, { width: 16 }, { width: 22 }, { width: 14 }, { width: 14 }, { width: 22 }, { width: 14 }, { width: 10 }, { width: 10 }];
  const title = sheet.addRow(['Keel ledger export']);
  title.font = { bold: true, size: 14 };
  title.commit();
  const facts: [string, string | number | Date][] = [
    ['Generated (UTC)', utcDate(context.generatedAt)],
    ['Filters', describeFilters(filters)],
    ['Entries exported', describeRange(stats)],
    ['Ledger head when exported', head ? `#${head.seq} ${head.hash}` : 'the ledger is empty'],
    ['Re-verify with', 'keel ledger verify'],
  ];
  for (const fact of facts) {
    const row = sheet.addRow(fact);
    if (fact[1] instanceof Date) row.getCell(2).numFmt = TIME_FORMAT;
    row.commit();
  }

  heading(sheet, 'Runs by outcome', ['Outcome', 'Runs']);
  for (const [outcome, runs] of Object.entries(summary.runsByOutcome).sort()) sheet.addRow([outcome, runs]).commit();

  heading(sheet, 'Per client', ['Client', 'Runs', 'Completed', 'Needs attention', 'Other outcomes', 'Entries', 'First activity (UTC)', 'Last activity (UTC)', 'Stripe amounts']);
  for (const c of summary.clients) {
    const other = c.runs - (c.outcomes.completed ?? 0) - (c.outcomes.needs_attention ?? 0);
    const money = Object.entries(c.money).map(([currency, minor]) => `${currency} ${majorUnits(minor, currency)}`).join('; ');
    const row = sheet.addRow([c.client, c.runs, c.outcomes.completed ?? 0, c.outcomes.needs_attention ?? 0, other, c.entries,
      Number.isFinite(c.firstAt) ? utcDate(c.firstAt) : null, Number.isFinite(c.lastAt) ? utcDate(c.lastAt) : null, money]);
    row.getCell(7).numFmt = TIME_FORMAT;
    row.getCell(8).numFmt = TIME_FORMAT;
    row.commit();
  }

  heading(sheet, 'Money through Stripe: totals (confirmed calls, each Stripe object once)', ['Currency', 'Stripe object', 'Calls', 'Amount']);
  for (const t of summary.moneyTotals) sheet.addRow([t.currency, t.object, t.calls, majorUnits(t.amountMinor, t.currency)]).commit();

  heading(sheet, 'Money-bearing Stripe calls', ['Entry', 'Time (UTC)', 'Client', 'Run', 'Method', 'Path', 'HTTP status', 'Stripe object', 'Object id', 'Amount', 'Currency', 'In totals']);
  let n = 0;
  for (const m of moneyLines(sqlite, filters)) {
    const row = sheet.addRow([m.seq, utcDate(m.at), m.client, m.runId, m.method, m.path, m.httpStatus, m.object, m.objectId,
      majorUnits(m.amountMinor, m.currency), m.currency, m.counted ? 'yes' : m.confirmed ? 'no (replay)' : 'no (not confirmed)']);
    row.getCell(2).numFmt = TIME_FORMAT;
    row.commit();
    if (++n % 200 === 0) await breathe(sheet, out);
  }
  sheet.commit();
}

function entryCell(column: ExportColumn, value: string | number | null, atMs: number): ExcelJS.CellValue {
  if (value === null) return null;
  if (column === 'at') return utcDate(atMs);
  if (column === 'amount') return Number(value);
  if (typeof value === 'string' && value.length > CELL_LIMIT) {
    const note = `… [cut at ${CELL_LIMIT} of ${value.length} characters; the CSV export holds it whole]`;
    return value.slice(0, CELL_LIMIT - note.length) + note;
  }
  return value;
}

/** An Excel sheet holds 1,048,576 rows; beyond that the entries continue on "Entries (2)" and so on. */
const ROWS_PER_SHEET = 1_048_575;

function entriesSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, part: number): Sheet {
  const sheet = workbook.addWorksheet(part === 1 ? 'Entries' : `Entries (${part})`, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = EXPORT_COLUMNS.map((c) => ({ header: c, key: c, width: c === 'summary' || c === 'payload' ? 60 : c === 'at' ? 24 : 16 }));
  sheet.getRow(1).font = { bold: true };
  return sheet;
}

async function writeEntries(workbook: ExcelJS.stream.xlsx.WorkbookWriter, sqlite: Database.Database, filters: ExportFilters, out: Writable): Promise<number> {
  let part = 1;
  let sheet = entriesSheet(workbook, part);
  let rows = 0;
  for (const entry of scopedEntries(sqlite, filters)) {
    if (rows > 0 && rows % ROWS_PER_SHEET === 0) {
      sheet.commit();
      sheet = entriesSheet(workbook, ++part);
    }
    const record = exportRecord(entry);
    const row = sheet.addRow(EXPORT_COLUMNS.map((c) => entryCell(c, record[c], entry.at)));
    row.getCell(2).numFmt = TIME_FORMAT;
    row.commit();
    if (++rows % 200 === 0) await breathe(sheet, out);
  }
  sheet.commit();
  return rows;
}

/** Writes the workbook to `out` and ends it; resolves to the number of entry rows written. */
export async function writeXlsx(sqlite: Database.Database, context: ExportContext, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = 'Keel';
  workbook.created = new Date(context.generatedAt);
  await writeSummary(workbook.addWorksheet('Summary'), sqlite, context, out);
  const rows = await writeEntries(workbook, sqlite, context.filters, out);
  await workbook.commit();
  return rows;
}
