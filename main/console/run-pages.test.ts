import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../preload/api';
import { WorkflowStore } from '../engine/workflow-store';
import { Ledger } from '../ledger/ledger';
import { seedRuns, type SeededRun } from '../test-support/seed-runs';
import { tempStore } from '../test-support/temp-store';
import { ReadModels } from './read-models';
import { RunPages, type RunPageRequest } from './run-pages';

let store: ReturnType<typeof tempStore>;
let reads: ReadModels;
let seeded: SeededRun[];
/** Three runs created in one millisecond, to hold the id tie-break to its promise. */
const TIES = ['tie-a', 'tie-b', 'tie-c'];

beforeAll(() => {
  store = tempStore();
  seeded = seedRuns(store, { count: 1_200, days: 30, needsAttentionPer100: 10, cancelledPer100: 5, clientPrefix: 'C-2026-' });
  const middle = seeded[600]!.createdAt + 1;
  const copy = store.sqlite.prepare(`INSERT INTO runs (id, workflow_id, workflow_version, client_key, trigger, status, created_at, updated_at)
    SELECT ?, workflow_id, workflow_version, 'TIE-' || ?, trigger, 'running', ?, ? FROM runs LIMIT 1`);
  for (const id of TIES) copy.run(id, id, middle, middle);
  // The oracle knows them too (SeededRun's status is what seeding makes; these are running).
  const first = seeded[0]!;
  seeded.push(...TIES.map((id) => ({ ...first, clientKey: `TIE-${id}`, createdAt: middle, status: 'running' as SeededRun['status'] })));
  reads = new ReadModels(store.sqlite, new WorkflowStore(store.sqlite, new Ledger(store.sqlite), () => true));
});
afterAll(() => store.cleanup());

/** Every run the request matches, page by page through `after`, as the console scrolls. */
function walk(request: RunPageRequest, limit = 97): { runs: RunSummary[]; total: number | null; pages: number } {
  const first = reads.pageRuns({ ...request, limit });
  const runs = [...first.runs];
  let more = first.more;
  let pages = 1;
  while (more) {
    const last = runs.at(-1)!;
    const page = reads.pageRuns({ ...request, limit, after: { createdAt: last.createdAt, id: last.id } });
    expect(page.total).toBeNull(); // counted once, not per page
    runs.push(...page.runs);
    more = page.more;
    pages++;
  }
  return { runs, total: first.total, pages };
}

function newestFirst(runs: RunSummary[]): void {
  for (let i = 1; i < runs.length; i++) {
    const [a, b] = [runs[i - 1]!, runs[i]!];
    expect(a.createdAt > b.createdAt || (a.createdAt === b.createdAt && a.id > b.id), `${a.id} before ${b.id}`).toBe(true);
  }
}

describe('the runs list, a page at a time', () => {
  it('pages through every run newest first, none missed or repeated, ties broken by id', () => {
    const { runs, total, pages } = walk({});
    expect(total).toBe(1_203);
    expect(runs).toHaveLength(1_203);
    expect(new Set(runs.map((r) => r.id)).size).toBe(1_203);
    expect(pages).toBe(Math.ceil(1_203 / 97));
    newestFirst(runs);
    const ties = runs.filter((r) => TIES.includes(r.id)).map((r) => r.id);
    expect(ties).toEqual(['tie-c', 'tie-b', 'tie-a']);
    expect(runs[0]).toMatchObject({ clientKey: seeded[1_199]!.clientKey, stepCount: 1, stepsDone: expect.any(Number) });
  });

  it('stays stable while runs arrive at the top: a page after a run is the same page', () => {
    const first = reads.pageRuns({ limit: 50 });
    const last = first.runs.at(-1)!;
    const before = reads.pageRuns({ limit: 50, after: { createdAt: last.createdAt, id: last.id } });
    store.sqlite.prepare(`INSERT INTO runs (id, workflow_id, workflow_version, client_key, trigger, status, created_at, updated_at)
      SELECT 'zz-newest', workflow_id, workflow_version, 'NEW-1', trigger, 'running', ?, ? FROM runs LIMIT 1`).run(Date.now(), Date.now());
    try {
      const after = reads.pageRuns({ limit: 50, after: { createdAt: last.createdAt, id: last.id } });
      expect(after.runs.map((r) => r.id)).toEqual(before.runs.map((r) => r.id));
      expect(reads.pageRuns({ limit: 1 }).runs[0]!.id).toBe('zz-newest');
    } finally {
      store.sqlite.prepare(`DELETE FROM runs WHERE id = 'zz-newest'`).run();
    }
  });

  it('filters in SQL by status, workflow, client prefix, text and dates, and counts what matches', () => {
    const expectMatch = (request: RunPageRequest, predicate: (r: SeededRun) => boolean) => {
      const { runs, total } = walk(request);
      const expected = seeded.filter(predicate).map((r) => r.clientKey);
      expect(total, JSON.stringify(request)).toBe(expected.length);
      expect(runs.map((r) => r.clientKey).sort()).toEqual(expected.sort());
      newestFirst(runs);
    };
    expectMatch({ status: 'needs_attention' }, (r) => r.status === 'needs_attention');
    expectMatch({ status: 'cancelled' }, (r) => r.status === 'cancelled');
    expectMatch({ workflowId: 'invoice-paid' }, (r) => r.workflowId === 'invoice-paid');
    // A prefix, in any case; LIKE's wildcards typed by the user are plain characters.
    expectMatch({ clientKey: 'c-2026-0011' }, (r) => r.clientKey.startsWith('C-2026-0011'));
    expectMatch({ clientKey: 'C-2026-00_1' }, () => false);
    // Text: anywhere in the client key or the workflow's name (run ids are v4 UUIDs, which cannot hold these).
    expectMatch({ text: 'c-2026-0004' }, (r) => r.clientKey.includes('C-2026-0004'));
    expectMatch({ text: 'OFFBOARD' }, (r) => r.workflowId === 'client-offboarding');
    const from = seeded[100]!.createdAt;
    const to = seeded[199]!.createdAt;
    expectMatch({ from, to }, (r) => r.createdAt >= from && r.createdAt <= to);
    expectMatch({ status: 'completed', workflowId: 'contract-renewal', from, text: 'C-2026-0003' },
      (r) => r.status === 'completed' && r.workflowId === 'contract-renewal' && r.createdAt >= from && r.clientKey.includes('C-2026-0003'));
    // The run id is searchable too.
    const someone = reads.pageRuns({ offset: 10, limit: 1 }).runs[0]!;
    expect(reads.pageRuns({ text: someone.id.slice(0, 13) }).runs.map((r) => r.id)).toContain(someone.id);
  });

  it('jumps to an offset: the page is the same stretch the cursor walk reaches', () => {
    const { runs } = walk({ status: 'completed' }, 200);
    const jump = reads.pageRuns({ status: 'completed', offset: 700, limit: 60 });
    expect(jump.total).toBe(runs.length);
    expect(jump.runs.map((r) => r.id)).toEqual(runs.slice(700, 760).map((r) => r.id));
    const end = reads.pageRuns({ status: 'completed', offset: runs.length - 5, limit: 60 });
    expect(end.runs).toHaveLength(5);
    expect(end.more).toBe(false);
  });

  it('reads each page off an index, never sorting the whole table', () => {
    const pages = new RunPages(store.sqlite);
    const wholeSort = (plan: string[]) => plan.some((line) => /USE TEMP B-TREE FOR ORDER BY/.test(line));
    expect(pages.plan({ status: 'needs_attention' }).join('\n')).toMatch(/USING INDEX runs_status \(status=\?\)/);
    expect(pages.plan({ from: 1, to: 2 }).join('\n')).toMatch(/USING COVERING INDEX runs_list \(created_at>\? AND created_at<\?\)/);
    // Text and client filters are answered from the index alone: a search never reads the runs' triggers.
    for (const request of [{ text: 'x' }, { clientKey: 'C-' }, {}]) expect(pages.plan(request).join('\n')).toMatch(/COVERING INDEX runs_list/);
    for (const request of [{}, { workflowId: 'invoice-paid' }, { text: 'x' }, { clientKey: 'C-' }, { status: 'completed' as const, from: 1 }]) {
      const plan = pages.plan(request);
      expect(plan.join('\n'), JSON.stringify(request)).toMatch(/INDEX runs_(list|status)/);
      expect(wholeSort(plan)).toBe(false);
    }
  });
});
