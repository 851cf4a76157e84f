/**
 * Cancel and progress for one export. They are attached to the export's own read connection rather than passed
 * to each writer, so every pass over the entries honours them whatever the format (CSV and XLSX rows, the
 * summary a PDF or XLSX adds) without each writer and summary taking one more parameter. The check runs every
 * `CHUNK` entries; the writers wait for the file between batches, which is when a cancel can arrive.
 */
import type Database from 'better-sqlite3';
import { LedgerWorkCancelled } from './work-control';

export interface ExportWatch {
  signal?: AbortSignal;
  /** Entries read so far, across every pass. */
  onRead?: (entries: number) => void;
}

const CHUNK = 256;
const watches = new WeakMap<Database.Database, ExportWatch & { read: number }>();

export function watchExport(reader: Database.Database, watch: ExportWatch): void {
  watches.set(reader, { ...watch, read: 0 });
}

/** Entries read on this connection so far (0 when it is not watched). */
export function entriesRead(reader: Database.Database): number {
  return watches.get(reader)?.read ?? 0;
}

/** Throws LedgerWorkCancelled when the export on this connection was asked to stop. */
export function checkCancelled(reader: Database.Database): void {
  const watch = watches.get(reader);
  if (watch?.signal?.aborted) throw new LedgerWorkCancelled(watch.read, null, 'The export was cancelled.');
}

/** `rows`, counting and checking as they are read; unchanged on a connection that is not watched. */
export function watched<T>(reader: Database.Database, rows: IterableIterator<T>): IterableIterator<T> {
  const watch = watches.get(reader);
  if (!watch) return rows;
  function* counting(): Generator<T, undefined, undefined> {
    try {
      for (const row of rows) {
        if (++watch!.read % CHUNK === 0) {
          if (watch!.signal?.aborted) throw new LedgerWorkCancelled(watch!.read, null, 'The export was cancelled.');
          watch!.onRead?.(watch!.read);
        }
        yield row;
      }
    } finally {
      // A writer that stops early (or a cancel) must not leave the statement open on the connection.
      rows.return?.();
    }
    return undefined;
  }
  return counting();
}
