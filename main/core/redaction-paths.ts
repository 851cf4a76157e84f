/**
 * User-configured JSON paths to redact (a contract's bank details, a client's personal email): kept in the
 * settings table, checked when set, and applied before anything is written — to delivery payloads and to
 * JSON bodies of recorded HTTP exchanges — on top of the built-in credential rules.
 */
import type Database from 'better-sqlite3';
import type { Ledger } from '../ledger/ledger';
import { parseJsonPath, redactJsonPaths, type JsonPath } from '../ledger/json-paths';
import { SettingsStore } from './settings-store';

const KEY = 'ledger.redactJsonPaths';

export class RedactionPaths {
  private readonly store: SettingsStore;
  private paths: string[];
  private parsed: JsonPath[];

  constructor(sqlite: Database.Database, private readonly ledger: Ledger) {
    this.store = new SettingsStore(sqlite);
    this.paths = this.store.get<string[]>(KEY) ?? [];
    this.parsed = this.paths.map((p) => parseJsonPath(p));
  }

  list(): string[] {
    return [...this.paths];
  }

  /** Replaces the paths; throws JsonPathError naming the first that is not valid. Recorded with who and why. */
  set(paths: string[], who: string, why: string): string[] {
    const parsed = paths.map((p) => parseJsonPath(p));
    this.ledger.append({ kind: 'config.changed', payload: { change: 'redaction.paths', before: this.paths, after: paths, who, why } });
    this.store.set(KEY, paths);
    this.paths = [...paths];
    this.parsed = parsed;
    return this.list();
  }

  /** A JSON value with the configured paths replaced by markers. */
  apply<T>(value: T): T {
    return this.parsed.length ? redactJsonPaths(value, this.parsed) : value;
  }

  /** A body's text: when it is JSON, the configured paths are replaced; other text is left as it is. */
  applyToText(text: string): string {
    if (!this.parsed.length) return text;
    try {
      return JSON.stringify(this.apply(JSON.parse(text)));
    } catch {
      return text;
    }
  }
}
