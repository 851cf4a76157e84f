/**
 * The hand-written canonical envelope (appends) and the SQL-built one (verify) must produce exactly what the
 * RFC 8785 library produces, for any content; otherwise a speed-up would silently change every hash.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import { entryCanonicalForm, entryHash, type LedgerRow } from './entry';
import { Ledger } from './ledger';
import { CANONICAL_FORM_SQL, verifyChain } from './verify';

const stores: ReturnType<typeof tempStore>[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

// Any Unicode text, including quotes, backslashes, control characters and astral code points.
const text = fc.string({ unit: 'binary', maxLength: 40 });
const optionalText = fc.option(text, { nil: null });
const envelope = fc.record({
  seq: fc.integer({ min: 1, max: 2 ** 31 }),
  at: fc.integer({ min: 0, max: 2 ** 50 }),
  kind: text,
  runId: optionalText,
  stepId: optionalText,
  attemptId: optionalText,
  clientKey: optionalText,
  connector: optionalText,
  endpointSlug: optionalText,
  payload: text,
  prevHash: fc.stringMatching(/^[0-9a-f]{64}$/),
});

function libraryForm(row: Omit<LedgerRow, 'hash'>): string {
  const { seq, at, kind, runId, stepId, attemptId, clientKey, connector, endpointSlug, payload, prevHash } = row;
  return canonicalize({ seq, at, kind, runId, stepId, attemptId, clientKey, connector, endpointSlug, payload, prevHash })!;
}

describe('the canonical form of an entry', () => {
  it('is, hand-written, exactly what the RFC 8785 library produces', () => {
    fc.assert(fc.property(envelope, (row) => {
      expect(entryCanonicalForm(row)).toBe(libraryForm(row));
    }), { numRuns: 2000 });
  });

  it('is, built by SQLite for verify, byte for byte the same', () => {
    const store = tempStore();
    stores.push(store);
    const read = store.sqlite.prepare(`SELECT ${CANONICAL_FORM_SQL} AS form FROM ledger_entries WHERE seq = ?`).pluck();
    const insert = store.sqlite.prepare(`INSERT INTO ledger_entries (seq, at, kind, run_id, step_id, attempt_id, client_key,
      connector, endpoint_slug, payload, prev_hash, hash) VALUES (@seq, @at, @kind, @runId, @stepId, @attemptId, @clientKey,
      @connector, @endpointSlug, @payload, @prevHash, '')`);
    let seq = 0;
    fc.assert(
      fc.property(envelope, (generated) => {
        const row = { ...generated, seq: ++seq };
        insert.run(row);
        expect((read.get(row.seq) as Buffer).toString('utf8')).toBe(libraryForm(row));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives appended entries hashes that anyone can recompute with the library', () => {
    const store = tempStore();
    stores.push(store);
    const ledger = new Ledger(store.sqlite);
    const rows = fc.sample(fc.record({ clientKey: optionalText, connector: optionalText, payload: fc.jsonValue() }), 300)
      .map((e) => ledger.append({ kind: 'operator.action', ...e }));
    for (const { hash, ...unhashed } of rows) {
      expect(createHash('sha256').update(libraryForm(unhashed)).digest('hex')).toBe(hash);
      expect(entryHash(unhashed)).toBe(hash);
    }
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: true, checked: 300 });
  });
});
