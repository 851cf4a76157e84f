/**
 * Verify on the caller's own connection, a slice of entries at a time, yielding to the event loop between
 * slices: the process keeps answering (the engine, the console) during a long walk, progress can be reported,
 * and a cancel takes effect at the next slice. The verdict is exactly `verifyChain`'s (same checks, same order).
 */
import { hash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { GENESIS_HASH } from './entry';
import { CANONICAL_FORM_SQL, mismatch, verifyChain, type ChainVerdict } from './verify';
import { LedgerWorkCancelled, type WorkControl } from './work-control';

type FormRow = [seq: number, prevHash: string, hash: string, canonical: Buffer];

/** Entries hashed per slice: a few tens of milliseconds of work between chances for others to run. */
export const VERIFY_SLICE = 20_000;

export async function verifyChainInSlices(sqlite: Database.Database, control: WorkControl = {}, slice = VERIFY_SLICE): Promise<ChainVerdict> {
  // Entries are append-only: the walk covers the chain as it stands now; entries added meanwhile are left for the next verify.
  const head = (sqlite.prepare('SELECT max(seq) FROM ledger_entries').pluck().get() as number | null) ?? 0;
  const total = sqlite.prepare('SELECT count(*) FROM ledger_entries WHERE seq <= ?').pluck().get(head) as number;
  const select = sqlite.prepare(`SELECT seq, prev_hash, hash, ${CANONICAL_FORM_SQL} FROM ledger_entries WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT ?`).raw(true);
  let prevHash = GENESIS_HASH;
  let checked = 0;
  let lastSeq = 0;
  control.onProgress?.(0, total);
  for (;;) {
    let rows: FormRow[];
    try {
      rows = select.all(lastSeq, head, slice) as FormRow[];
    } catch (error) {
      // A column turned into a blob behind Keel's back: the one-pass walk knows how to judge it (see verify.ts).
      if (error instanceof Error && /JSON cannot hold BLOB/i.test(error.message)) return verifyChain(sqlite);
      throw error;
    }
    for (const row of rows) {
      const reason = mismatch(row, checked + 1, prevHash, () => hash('sha256', row[3]));
      if (reason) return { intact: false, checked, firstBadSeq: row[0], reason };
      prevHash = row[2];
      lastSeq = row[0];
      checked++;
    }
    control.onProgress?.(checked, total);
    if (rows.length < slice) return { intact: true, checked, headHash: prevHash };
    await new Promise((resolve) => setImmediate(resolve));
    if (control.signal?.aborted) {
      throw new LedgerWorkCancelled(checked, total, `Verification was cancelled after ${checked.toLocaleString('en')} of ${total.toLocaleString('en')} entries; the chain was not judged. Verify again to check it.`);
    }
  }
}
