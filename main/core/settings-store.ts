/** Keel's settings table: small JSON values by key (tunnel settings, catch-up cursors). Never a secret. */
import type Database from 'better-sqlite3';

export class SettingsStore {
  private readonly select;
  private readonly upsert;

  constructor(sqlite: Database.Database, private readonly now: () => number = Date.now) {
    this.select = sqlite.prepare('SELECT value FROM settings WHERE key = ?');
    this.upsert = sqlite.prepare(`INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
  }

  get<T>(key: string): T | undefined {
    const row = this.select.get(key) as { value: string } | undefined;
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  set(key: string, value: unknown): void {
    this.upsert.run(key, JSON.stringify(value), this.now());
  }
}
