/**
 * Opens Keel's SQLite store: the real file, WAL mode, committed migrations applied at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from './schema';

export { schema };
export type KeelDatabase = BetterSQLite3Database<typeof schema>;

/**
 * `full` syncs the WAL on every commit, so an acknowledged webhook survives a power cut; `normal` survives a
 * crash of Keel but not of the OS, for a little more throughput.
 */
export type Durability = 'full' | 'normal';

export interface Store {
  db: KeelDatabase;
  sqlite: Database.Database;
  file: string;
  close(): void;
}

export interface OpenDbOptions {
  durability?: Durability;
  /** Folder of drizzle migrations; found beside the app by default. */
  migrationsFolder?: string;
}

export function openDb(file: string, options: OpenDbOptions = {}): Store {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new Database(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${options.durability === 'normal' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = drizzle(sqlite, { schema });
  try {
    migrate(db, { migrationsFolder: options.migrationsFolder ?? findMigrationsFolder() });
  } catch (error) {
    sqlite.close();
    throw new Error(`Could not prepare the database at ${file}: ${(error as Error).message}`, { cause: error });
  }
  return {
    db,
    sqlite,
    file,
    close: () => {
      if (sqlite.open) sqlite.close();
    },
  };
}

/** The committed migrations travel with the app; look upwards from this module (source or bundle). */
export function findMigrationsFolder(start = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'db', 'migrations');
    if (fs.existsSync(path.join(candidate, 'meta', '_journal.json'))) return candidate;
    if (fs.existsSync(path.join(dir, 'migrations', 'meta', '_journal.json'))) return path.join(dir, 'migrations');
    if (path.dirname(dir) === dir) {
      throw new Error(`Keel's database migrations were not found above ${start}; the installation is incomplete.`);
    }
  }
}
