/**
 * Walks the chain from the first entry and recomputes every hash. Streaming: memory stays flat however long
 * the ledger is.
 */
import type Database from 'better-sqlite3';
import { entryHash, GENESIS_HASH, type LedgerRow } from './entry';

export type ChainVerdict =
  | { intact: true; checked: number; headHash: string }
  | { intact: false; checked: number; firstBadSeq: number; reason: string };

const SELECT_ALL = `SELECT seq, at, kind, run_id AS runId, step_id AS stepId, attempt_id AS attemptId,
  client_key AS clientKey, connector, endpoint_slug AS endpointSlug, payload, prev_hash AS prevHash, hash
  FROM ledger_entries ORDER BY seq`;

export function verifyChain(sqlite: Database.Database): ChainVerdict {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  for (const row of sqlite.prepare(SELECT_ALL).iterate() as IterableIterator<LedgerRow>) {
    const bad = (reason: string): ChainVerdict => ({ intact: false, checked, firstBadSeq: row.seq, reason });
    if (row.seq !== expectedSeq) return bad(`expected entry ${expectedSeq} here, found ${row.seq}: entries are missing`);
    if (row.prevHash !== prevHash) return bad(`its previous-hash does not match entry ${row.seq - 1}`);
    const { hash, ...unhashed } = row;
    if (entryHash(unhashed) !== hash) return bad('its content does not match its hash');
    prevHash = hash;
    expectedSeq++;
    checked++;
  }
  return { intact: true, checked, headHash: prevHash };
}
