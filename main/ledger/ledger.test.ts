import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import { GENESIS_HASH } from './entry';
import { Ledger } from './ledger';
import { verifyChain } from './verify';

const stores: ReturnType<typeof tempStore>[] = [];
function setup() {
  const store = tempStore();
  stores.push(store);
  let t = 1_700_000_000_000;
  return { store, ledger: new Ledger(store.sqlite, () => t++) };
}
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

describe('ledger', () => {
  it('chains each entry to the one before, starting from the genesis hash', () => {
    const { store, ledger } = setup();
    const a = ledger.append({ kind: 'run.created', runId: 'r1', payload: { hello: 'world' } });
    const b = ledger.append({ kind: 'run.status', runId: 'r1', payload: { from: 'running', to: 'completed' } });
    expect(a.seq).toBe(1);
    expect(a.prevHash).toBe(GENESIS_HASH);
    expect(b.prevHash).toBe(a.hash);
    expect(verifyChain(store.sqlite)).toEqual({ intact: true, checked: 2, headHash: b.hash });
  });

  it('stores payloads in canonical form, so equal content hashes equally whatever the key order', () => {
    const { ledger } = setup();
    const a = ledger.append({ kind: 'config.changed', at: 5, payload: { b: 1, a: [1, 'x'] } });
    expect(a.payload).toBe('{"a":[1,"x"],"b":1}');
  });

  it('refuses UPDATE and DELETE at the database, whoever asks', () => {
    const { store, ledger } = setup();
    ledger.append({ kind: 'run.created', payload: {} });
    expect(() => store.sqlite.prepare("UPDATE ledger_entries SET kind = 'x'").run()).toThrow(/append-only/);
    expect(() => store.sqlite.prepare('DELETE FROM ledger_entries').run()).toThrow(/append-only/);
  });

  it('names the first entry whose content no longer matches its hash', () => {
    const { store, ledger } = setup();
    for (let i = 0; i < 5; i++) ledger.append({ kind: 'run.status', payload: { i } });
    store.sqlite.exec('DROP TRIGGER ledger_entries_no_update');
    store.sqlite.prepare(`UPDATE ledger_entries SET payload = '{"i":99}' WHERE seq = 3`).run();
    const verdict = verifyChain(store.sqlite);
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 3, checked: 2 });
  });

  it('notices a removed entry', () => {
    const { store, ledger } = setup();
    for (let i = 0; i < 4; i++) ledger.append({ kind: 'run.status', payload: { i } });
    store.sqlite.exec('DROP TRIGGER ledger_entries_no_delete');
    store.sqlite.prepare('DELETE FROM ledger_entries WHERE seq = 2').run();
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: false, firstBadSeq: 3 });
  });

  it('rolls back with the transaction it was appended in', () => {
    const { store, ledger } = setup();
    ledger.append({ kind: 'run.created', payload: {} });
    expect(() =>
      store.sqlite.transaction(() => {
        ledger.append({ kind: 'run.status', payload: {} });
        throw new Error('the state change failed');
      })(),
    ).toThrow('the state change failed');
    const next = ledger.append({ kind: 'run.status', payload: {} });
    expect(next.seq).toBe(2);
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: true, checked: 2 });
  });

  it('stores text that UTF-8 cannot hold as it will read back, so verify does not cry tampering', () => {
    const { store, ledger } = setup();
    const row = ledger.append({ kind: 'run.created', clientKey: 'C-\ud800x', runId: '\udc00', payload: { key: 'C-\ud800' } });
    expect(row.clientKey).toBe('C-\ufffdx');
    expect(row.runId).toBe('\ufffd');
    expect(row.payload).toBe('{"key":"C-\\ud800"}');
    ledger.append({ kind: 'run.status', clientKey: 'emoji 🚀 stays', payload: {} });
    expect(verifyChain(store.sqlite)).toMatchObject({ intact: true, checked: 2 });
  });
});
