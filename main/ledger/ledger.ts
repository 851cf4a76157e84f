/**
 * Appends entries to the hash-chained ledger. `append` runs synchronously on the caller's connection, so
 * inside a caller's transaction the entry commits (or rolls back) together with the state change it records.
 */
import type Database from 'better-sqlite3';
import { canonicalJson, entryHash, GENESIS_HASH, type LedgerRow, type NewLedgerEntry } from './entry';

/**
 * SQLite stores text as UTF-8, where a lone UTF-16 surrogate cannot exist: it would come back as U+FFFD and
 * the entry would fail verify, a false alarm of tampering. So such text is stored (and hashed) as it will be
 * read back. Payloads need nothing: their canonical JSON escapes lone surrogates.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
function storable<T extends string | null | undefined>(text: T): T {
  return (typeof text === 'string' ? text.replace(LONE_SURROGATE, '\uFFFD') : text) as T;
}

export class Ledger {
  private readonly head: Database.Statement<[], { seq: number; hash: string }>;
  private readonly insert: Database.Statement<LedgerRow>;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly now: () => number = Date.now,
  ) {
    this.head = sqlite.prepare('SELECT seq, hash FROM ledger_entries ORDER BY seq DESC LIMIT 1');
    this.insert = sqlite.prepare(
      `INSERT INTO ledger_entries
        (seq, at, kind, run_id, step_id, attempt_id, client_key, connector, endpoint_slug, payload, prev_hash, hash)
       VALUES (@seq, @at, @kind, @runId, @stepId, @attemptId, @clientKey, @connector, @endpointSlug, @payload,
               @prevHash, @hash)`,
    );
  }

  /** Appends one entry. Reads the head inside the current transaction, so concurrent writers cannot fork the chain. */
  append(entry: NewLedgerEntry): LedgerRow {
    const head = this.head.get();
    const unhashed: Omit<LedgerRow, 'hash'> = {
      seq: (head?.seq ?? 0) + 1,
      at: entry.at ?? this.now(),
      kind: storable(entry.kind),
      runId: storable(entry.runId ?? null),
      stepId: storable(entry.stepId ?? null),
      attemptId: storable(entry.attemptId ?? null),
      clientKey: storable(entry.clientKey ?? null),
      connector: storable(entry.connector ?? null),
      endpointSlug: storable(entry.endpointSlug ?? null),
      payload: canonicalJson(entry.payload ?? null),
      prevHash: head?.hash ?? GENESIS_HASH,
    };
    const row: LedgerRow = { ...unhashed, hash: entryHash(unhashed) };
    this.insert.run(row);
    return row;
  }

  /** Appends several entries in one transaction (group commit). */
  appendAll(entries: NewLedgerEntry[]): LedgerRow[] {
    return this.sqlite.transaction(() => entries.map((e) => this.append(e)))();
  }
}
