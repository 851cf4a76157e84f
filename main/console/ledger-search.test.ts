import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LedgerEntryView } from '../../preload/api';
import { WorkflowStore } from '../engine/workflow-store';
import { Ledger } from '../ledger/ledger';
import { seedRuns, type SeededRun } from '../test-support/seed-runs';
import { tempStore } from '../test-support/temp-store';
import { ReadModels } from './read-models';

let store: ReturnType<typeof tempStore>;
let reads: ReadModels;
let seeded: SeededRun[];

beforeAll(() => {
  store = tempStore();
  seeded = seedRuns(store, { count: 300, days: 10 });
  reads = new ReadModels(store.sqlite, new WorkflowStore(store.sqlite, new Ledger(store.sqlite), () => true));
});
afterAll(() => store.cleanup());

describe('ledger search over the whole ledger', () => {
  it('finds an old entry far past the first page, by text, with its payload', () => {
    const oldest = seeded[3]!;
    const firstPage = reads.searchLedger({ limit: 100 });
    expect(firstPage.entries.some((e) => e.clientKey === oldest.clientKey)).toBe(false);
    expect(firstPage.nextCursor).not.toBeNull();

    const found = reads.searchLedger({ text: oldest.clientKey.toLowerCase(), kinds: ['run.created'], limit: 100 });
    expect(found.entries).toHaveLength(1);
    expect(found.entries[0]).toMatchObject({ kind: 'run.created', clientKey: oldest.clientKey, payload: { workflowId: oldest.workflowId, version: 1 } });
    expect(found.nextCursor).toBeNull();
  });

  it('filters by run, client, kind and time, and pages with cursors', () => {
    const stuck = seeded.find((r) => r.status === 'cancelled')!;
    const byClient = reads.searchLedger({ clientKey: stuck.clientKey, limit: 200 }).entries;
    const runId = byClient[0]!.runId!;
    expect(new Set(byClient.map((e) => e.runId))).toEqual(new Set([runId]));
    expect(byClient.map((e) => e.kind)).toContain('operator.action');
    expect(reads.searchLedger({ runId, kinds: ['operator.action'] }).entries.map((e) => (e.payload as { why: string }).why)).toEqual(['seeded as cancelled']);

    const from = seeded[100]!.createdAt;
    const to = seeded[110]!.createdAt;
    const pages: LedgerEntryView[] = [];
    let cursor: string | undefined;
    do {
      const page = reads.searchLedger({ kinds: ['run.created'], from, to, limit: 4, ...(cursor && { cursor }) });
      pages.push(...page.entries);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages.map((e) => e.clientKey)).toEqual(seeded.slice(100, 111).map((r) => r.clientKey).reverse());
  });
});
