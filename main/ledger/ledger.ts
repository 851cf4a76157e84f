/**
 * Appends entries to the hash-chained ledger. `append` runs synchronously on the caller's connection, so
 * inside a caller's transaction the entry commits (or rolls back) together with the state change it records.
 */
import type Database from 'better-sqlite3';
import { canonicalJson, entryHash, GENESIS_HASH, type LedgerRow, type NewLedgerEntry } from './entry';

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
      kind: entry.kind,
      runId: entry.runId ?? null,
      stepId: entry.stepId ?? null,
      attemptId: entry.attemptId ?? null,
      clientKey: entry.clientKey ?? null,
      connector: entry.connector ?? null,
      endpointSlug: entry.endpointSlug ?? null,
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
