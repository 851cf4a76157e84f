/**
 * One export, start to finish: read a consistent snapshot of the ledger on a connection of its own, write the
 * file in the requested format, then record the export itself in the ledger (what, which filters, how many
 * entries, the file's SHA-256; never its contents).
 *
 * The read connection is separate because an export keeps a statement open across awaits, and a connection
 * with an open statement cannot serve anyone else (Keel's engine, in the console's case).
 */
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openLedgerReader } from './reader';
import type { NewLedgerEntry } from './entry';
import { describeFilters, type ExportContext, type ExportFormat } from './export-context';
import { writeCsv } from './export-csv';
import { openExportFile, type ExportFile } from './export-file';
import { ledgerHead, scopeStats, type ExportFilters } from './export-scope';
import { Ledger } from './ledger';
import type { ChainVerdict } from './verify';
import { checkCancelled, entriesRead, watchExport } from './export-watch';
import { isLedgerWorkCancelled, LedgerWorkCancelled, type WorkControl } from './work-control';

export interface ExportRequest {
  /** Keel's SQLite file. */
  database: string;
  format: ExportFormat;
  /** Where the file goes; replaced only once the export is complete. */
  output: string;
  filters: ExportFilters;
  /** Who asked, for the ledger (an OS user name, a console operator). */
  who: string;
  /** How the export is recorded; by default a short write transaction on a connection of its own. */
  record?: (entry: NewLedgerEntry) => { seq: number };
  now?: () => number;
  /**
   * Lets a person stop the export: it stops between chunks of entries, removes its partial file, and records
   * the cancellation in the ledger. Progress counts entries read (a PDF or XLSX summary reads some twice).
   */
  control?: WorkControl;
}

export interface ExportReceipt {
  format: ExportFormat;
  file: string;
  /** Entry rows written (CSV, XLSX) or entries covered (PDF). */
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
  bytes: number;
  sha256: string;
  /** The operator.action entry that records this export. */
  recordedAs: number;
}

function appendOnce(database: string, entry: NewLedgerEntry): { seq: number } {
  const sqlite = new Database(database, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // IMMEDIATE takes the write lock before the head is read: Keel may be appending from its own process.
    return sqlite.transaction(() => new Ledger(sqlite).append(entry)).immediate();
  } finally {
    sqlite.close();
  }
}

export async function exportLedger(request: ExportRequest): Promise<ExportReceipt> {
  const now = request.now ?? Date.now;
  const target = path.resolve(request.output);
  const reader = openLedgerReader(request.database);
  const record = request.record ?? ((entry: NewLedgerEntry) => appendOnce(request.database, entry));
  const { signal, onProgress } = request.control ?? {};
  let file: ExportFile | undefined;
  let context: ExportContext | undefined;
  let entries: number;
  let verdict: ChainVerdict | undefined;
  let written: { bytes: number; sha256: string };
  try {
    file = await openExportFile(target);
    // One read transaction: summary, entries and head all describe the same moment of the ledger.
    reader.exec('BEGIN');
    context = { generatedAt: now(), filters: request.filters, stats: scopeStats(reader, request.filters), head: ledgerHead(reader) };
    const total = context.stats.count;
    watchExport(reader, { ...(signal && { signal }), onRead: (read) => onProgress?.(Math.min(read, total), total) });
    onProgress?.(0, total);
    // exceljs and pdfkit are loaded only for their format: together they weigh ~40 MB of memory.
    if (request.format === 'csv') entries = await writeCsv(reader, request.filters, file.stream);
    else if (request.format === 'xlsx') entries = await (await import('./export-xlsx')).writeXlsx(reader, context, file.stream);
    else ({ entries, verdict } = await (await import('./export-pdf')).writePdf(reader, context, file.stream));
    reader.exec('COMMIT');
    written = await file.finish();
    // A cancel that arrived during the last chunk (or a PDF, whose passes do not wait) still stops it here.
    checkCancelled(reader);
  } catch (error) {
    await file?.abort();
    if (isLedgerWorkCancelled(error)) throw recordCancellation(request, record, now(), entriesRead(reader), context?.stats.count ?? null);
    throw error;
  } finally {
    reader.close();
  }
  const { stats, head } = context;
  let recorded: { seq: number };
  try {
    // Recorded before the file takes its place: an export the ledger does not know about never appears.
    recorded = record({
      kind: 'operator.action',
      at: now(),
      payload: {
        action: 'ledger.exported',
        who: request.who,
        why: null,
        before: null,
        after: {
          format: request.format, file: target, filters: request.filters, filtersText: describeFilters(request.filters),
          entries, firstSeq: stats.firstSeq, lastSeq: stats.lastSeq, headSeq: head?.seq ?? null, headHash: head?.hash ?? null,
          bytes: written.bytes, sha256: written.sha256,
          ...(verdict && { verified: verdict.intact }),
        },
      },
    });
  } catch (error) {
    await file.abort();
    throw new Error(`The export could not be recorded in the ledger, so it was not saved: ${(error as Error).message}`, { cause: error });
  }
  file.commit();
  return { format: request.format, file: target, entries, firstSeq: stats.firstSeq, lastSeq: stats.lastSeq, ...written, recordedAs: recorded.seq };
}

/** Records that an export was stopped on request (its partial file already removed); the error to answer with. */
function recordCancellation(request: ExportRequest, record: (entry: NewLedgerEntry) => { seq: number }, at: number, read: number, total: number | null): LedgerWorkCancelled {
  record({
    kind: 'operator.action',
    at,
    payload: {
      action: 'ledger.export_cancelled',
      who: request.who,
      why: null,
      before: null,
      after: { format: request.format, file: path.resolve(request.output), filters: request.filters, filtersText: describeFilters(request.filters), entriesRead: read, entriesInScope: total, fileRemoved: true },
    },
  });
  return new LedgerWorkCancelled(read, total, `The export was cancelled after reading ${read.toLocaleString('en')} of ${total?.toLocaleString('en') ?? 'its'} entries; its partial file was removed and the ledger records the cancellation.`);
}

/** The operator's name for the ledger when the export comes from the command line. */
export function localOperator(): string {
  try {
    return `${os.userInfo().username} (keel command)`;
  } catch {
    return 'keel command';
  }
}
