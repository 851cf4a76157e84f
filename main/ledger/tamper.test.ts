/**
 * Tamper evidence, adversarially: with the append-only triggers dropped (as someone with the file could), change
 * one byte of one column of one entry and verify must refuse the chain, naming that entry (or, when the byte
 * was in `seq` itself and moved the entry, vouching for nothing from that entry on).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import { Ledger } from './ledger';
import { verifyChain } from './verify';
import { verifyStoreFile } from './verify-parallel';

const ENTRIES = 60;
const TEXT_COLUMNS = ['kind', 'run_id', 'step_id', 'attempt_id', 'client_key', 'connector', 'endpoint_slug', 'payload', 'prev_hash', 'hash'] as const;
const INTEGER_COLUMNS = ['seq', 'at'] as const;
const COLUMNS = [...INTEGER_COLUMNS, ...TEXT_COLUMNS];
type Column = (typeof COLUMNS)[number];

let store: ReturnType<typeof tempStore>;

beforeAll(() => {
  store = tempStore();
  const ledger = new Ledger(store.sqlite, () => 1_795_000_000_000);
  for (let i = 0; i < ENTRIES; i++) {
    const run = i % 3 === 0 ? null : `run-${i % 7}`;
    ledger.append({
      kind: (['run.created', 'step.status', 'http.exchange', 'attempt.finished', 'delivery.accepted'] as const)[i % 5]!,
      at: 1_795_000_000_000 + i * 37,
      runId: run,
      stepId: run && `step_${i % 4}`,
      attemptId: i % 2 ? `att-${i}` : null,
      clientKey: i % 4 ? `C-2026-${i}` : 'Müller & Søn — 東京 🚀',
      connector: i % 5 === 2 ? 'stripe' : null,
      endpointSlug: i % 6 === 0 ? 'contracts' : null,
      payload: { i, note: `line one\nline "two" \\ ${'x'.repeat(i)}`, amount: i * 100, nested: { ok: i % 2 === 0, list: [i, null, 'é'] } },
    });
  }
  store.sqlite.exec('DROP TRIGGER ledger_entries_no_update');
});
afterAll(() => store.cleanup());

/** One byte of a column as SQLite stores it: UTF-8 for text, the 64-bit two's complement for integers. */
interface Tamper {
  seq: number;
  column: Column;
  byte: number;
  flip: number;
}

function tamper({ seq, column, byte, flip }: Tamper): { undo(): void; movedTo?: number } | null {
  const original = store.sqlite.prepare(`SELECT ${column} AS v FROM ledger_entries WHERE seq = ?`).pluck().get(seq) as string | number | null;
  if (original === null) return null; // a NULL has no bytes to change
  const update = (value: unknown, where: number | bigint) => store.sqlite.prepare(`UPDATE ledger_entries SET ${column} = ? WHERE seq = ?`).run(value, where);
  if (typeof original === 'number') {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64BE(BigInt(original));
    bytes[byte % 8]! ^= flip;
    const changed = bytes.readBigInt64BE();
    if (column === 'seq') {
      const taken = store.sqlite.prepare('SELECT 1 FROM ledger_entries WHERE seq = ?').get(changed);
      if (taken) return null; // the primary key refuses a duplicate before any tampering happens
      update(changed, seq);
      return { undo: () => update(seq, changed), movedTo: Number(changed) };
    }
    update(changed, seq);
    return { undo: () => update(original, seq) };
  }
  const bytes = Buffer.from(original, 'utf8');
  bytes[byte % bytes.length]! ^= flip;
  // Written back as TEXT holding exactly these bytes, valid UTF-8 or not.
  store.sqlite.prepare(`UPDATE ledger_entries SET ${column} = CAST(? AS TEXT) WHERE seq = ?`).run(bytes, seq);
  return { undo: () => update(original, seq) };
}

describe('verify against single-byte tampering', () => {
  it('starts from an intact chain', () => {
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: true, checked: ENTRIES });
  });

  it('catches every changed byte in any column of any entry, and names that entry', () => {
    let tried = 0;
    fc.assert(
      fc.property(
        fc.record({
          seq: fc.integer({ min: 1, max: ENTRIES }),
          column: fc.constantFrom(...COLUMNS),
          byte: fc.nat(),
          flip: fc.integer({ min: 1, max: 255 }),
        }),
        (t) => {
          const change = tamper(t);
          fc.pre(change !== null);
          tried++;
          try {
            const verdict = verifyChain(store.sqlite);
            expect(verdict.intact, `a changed byte in ${t.column} of entry ${t.seq} went unnoticed`).toBe(false);
            // Verify never vouches for the changed entry: everything it counted as checked lies before it.
            expect(verdict.checked).toBeLessThan(t.seq);
            if (!verdict.intact && t.column !== 'seq') expect(verdict.firstBadSeq).toBe(t.seq);
            if (!verdict.intact && t.column === 'seq') {
              // Moved below the start it is met first; moved past the end, the hole it left is met first.
              expect([change!.movedTo, t.seq + 1, t.seq]).toContain(verdict.firstBadSeq);
            }
          } finally {
            change!.undo();
          }
        },
      ),
      { numRuns: 3000 },
    );
    expect(tried).toBeGreaterThan(2000);
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: true, checked: ENTRIES });
  });

  it('gets the same verdict walking in slices on worker threads', async () => {
    const cases = fc.sample(fc.record({
      seq: fc.integer({ min: 1, max: ENTRIES }), column: fc.constantFrom(...COLUMNS), byte: fc.nat(), flip: fc.integer({ min: 1, max: 255 }),
    }), 40);
    // Tampering right at a slice's edge matters most: the slices of 60 entries in 3 start at 1, 21 and 41.
    cases.push({ seq: 21, column: 'prev_hash', byte: 0, flip: 1 }, { seq: 20, column: 'hash', byte: 3, flip: 9 }, { seq: 41, column: 'seq', byte: 7, flip: 64 });
    for (const t of cases) {
      const change = tamper(t);
      if (!change) continue;
      try {
        expect(await verifyStoreFile(store.file, { workers: 3, minEntries: 0 }), JSON.stringify(t)).toEqual(verifyChain(store.sqlite));
      } finally {
        change.undo();
      }
    }
    expect(await verifyStoreFile(store.file, { workers: 3, minEntries: 0 })).toEqual(verifyChain(store.sqlite));
  }, 60_000);

  it('catches a column turned into a blob of the very same bytes', async () => {
    store.sqlite.prepare('UPDATE ledger_entries SET payload = CAST(payload AS BLOB) WHERE seq = 17').run();
    try {
      expect(verifyChain(store.sqlite)).toMatchObject({ intact: false, firstBadSeq: 17, checked: 16 });
      expect(await verifyStoreFile(store.file, { workers: 2, minEntries: 0 })).toMatchObject({ intact: false, firstBadSeq: 17, checked: 16 });
    } finally {
      store.sqlite.prepare('UPDATE ledger_entries SET payload = CAST(payload AS TEXT) WHERE seq = 17').run();
    }
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: true });
  });
});
