import { afterEach, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import { Ledger } from './ledger';
import { verifyChain } from './verify';
import { verifyChainInSlices } from './verify-sliced';
import { LedgerWorkCancelled } from './work-control';

const stores: ReturnType<typeof tempStore>[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

function ledgerOf(entries: number) {
  const store = tempStore();
  stores.push(store);
  const ledger = new Ledger(store.sqlite, () => 1_795_000_000_000);
  for (let i = 0; i < entries; i++) ledger.append({ kind: 'step.status', runId: `run-${i % 5}`, payload: { i, note: 'é "x"\n' } });
  return store;
}

describe('verify a slice at a time', () => {
  it('gives verifyChain\'s verdict, reporting progress after each slice', async () => {
    const store = ledgerOf(47);
    const progress: [number, number | null][] = [];
    const verdict = await verifyChainInSlices(store.sqlite, { onProgress: (done, total) => progress.push([done, total]) }, 10);
    expect(verdict).toEqual(verifyChain(store.sqlite));
    expect(verdict).toMatchObject({ intact: true, checked: 47 });
    expect(progress).toEqual([[0, 47], [10, 47], [20, 47], [30, 47], [40, 47], [47, 47]]);
  });

  it('finds the same first bad entry as verifyChain, in a later slice', async () => {
    const store = ledgerOf(30);
    store.sqlite.exec('DROP TRIGGER ledger_entries_no_update');
    store.sqlite.prepare(`UPDATE ledger_entries SET payload = '{"i":23,"note":"forged"}' WHERE seq = 24`).run();
    const verdict = await verifyChainInSlices(store.sqlite, {}, 7);
    expect(verdict).toEqual(verifyChain(store.sqlite));
    expect(verdict).toMatchObject({ intact: false, firstBadSeq: 24, checked: 23 });
  });

  it('stops between slices when cancelled, saying how far it got', async () => {
    const store = ledgerOf(40);
    const controller = new AbortController();
    const verdict = verifyChainInSlices(store.sqlite, { signal: controller.signal, onProgress: (done) => done >= 10 && controller.abort() }, 10);
    await expect(verdict).rejects.toBeInstanceOf(LedgerWorkCancelled);
    await expect(verdict).rejects.toMatchObject({ done: 10, total: 40, message: expect.stringMatching(/cancelled after 10 of 40 entries/) });
  });
});
