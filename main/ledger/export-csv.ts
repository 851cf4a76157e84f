/**
 * CSV export (RFC 4180: CRLF line ends, fields with commas, quotes or line breaks quoted, quotes doubled;
 * UTF-8 without a byte-order mark), one row per entry, columns as in export-columns.ts and EXPORT.md.
 *
 * csv-stringify formats batches of a few dozen records (its synchronous API: a stream transform per record
 * costs more than the formatting itself), and each batch waits for the file to take the one before: memory
 * holds one batch, whatever the ledger's size.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, exportRecord, type ExportRecord } from './export-columns';
import { scopedEntries, type ExportFilters } from './export-scope';

const BATCH = 64;

const OPTIONS = {
  columns: [...EXPORT_COLUMNS],
  record_delimiter: 'windows',
  // Cells are written as recorded; numbers in plain notation, absent values as empty cells.
  cast: { number: (value: number) => String(value) },
} as const;

async function write(out: Writable, text: string): Promise<void> {
  if (out.destroyed) throw out.errored ?? new Error('the export file was closed');
  if (!out.write(text)) await once(out, 'drain');
}

/** Writes the scoped entries to `out` and ends it; resolves to the number of entry rows written. */
export async function writeCsv(sqlite: Database.Database, filters: ExportFilters, out: Writable): Promise<number> {
  await write(out, stringify([], { ...OPTIONS, header: true }));
  let batch: ExportRecord[] = [];
  let rows = 0;
  for (const entry of scopedEntries(sqlite, filters)) {
    batch.push(exportRecord(entry));
    if (batch.length === BATCH) {
      await write(out, stringify(batch, OPTIONS));
      rows += batch.length;
      batch = [];
    }
  }
  if (batch.length) await write(out, stringify(batch, OPTIONS));
  rows += batch.length;
  out.end();
  return rows;
}
