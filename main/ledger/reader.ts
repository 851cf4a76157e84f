/**
 * A read-only connection to Keel's store, for verify and exports. It works while Keel runs: in WAL mode
 * readers never block the writer nor wait for it, and each read transaction sees one consistent snapshot.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** Expected failure: there is no Keel store at that path. */
export class MissingStoreError extends Error {
  override name = 'MissingStoreError';
}

export function openLedgerReader(file: string): Database.Database {
  if (!fs.existsSync(file)) throw new MissingStoreError(`There is no Keel store at ${file}.`);
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  // A checkpoint in progress can hold a lock for a moment; wait rather than fail.
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
