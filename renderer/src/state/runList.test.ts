import { describe, expect, it } from 'vitest';
import type { RunStatus, RunSummary } from '../../../preload/api';
import { compareRuns, firstGap, firstPage, loadedRuns, offsetFor, placeAfter, placeAt, upsertRun, type Slot } from './runList';

function run(id: string, createdAt: number, status: RunStatus = 'running', updatedAt = createdAt): RunSummary {
  return {
    id, workflowId: 'client-onboarding', workflowName: 'Client onboarding', workflowVersion: 1, clientKey: `C-${id}`,
    status, createdAt, updatedAt, finishedAt: null, attempts: 0, stepCount: 4, stepsDone: 0,
  };
}

/** The server's list: runs r99 (newest) down to r0. */
const server = Array.from({ length: 100 }, (_, i) => run(`r${String(99 - i).padStart(2, '0')}`, (99 - i) * 10));
const ids = (rows: readonly Slot[]) => Array.from(rows, (r) => r?.id ?? '·');
const page = (from: number, n: number) => server.slice(from, from + n);

describe('the windowed runs list', () => {
  it('starts as long as the server counted, with the first page in place', () => {
    const rows = firstPage(page(0, 3), 100);
    expect(rows).toHaveLength(100);
    expect(ids(rows.slice(0, 4))).toEqual(['r99', 'r98', 'r97', '·']);
    expect(firstGap(rows, 0, 10)).toEqual({ at: 3, end: 100, after: server[2] });
    expect(firstGap(rows, 0, 3)).toBeNull();
  });

  it('fills a gap with the page after the run before it, and closes it when the page reaches known runs', () => {
    let rows = placeAt(firstPage(page(0, 3), 100), 10, page(10, 3), 100);
    expect(firstGap(rows, 0, 100)).toEqual({ at: 3, end: 10, after: server[2] });
    rows = placeAfter(rows, 3, page(3, 10), true);
    expect(ids(rows.slice(0, 14))).toEqual(ids(page(0, 13)).concat('·'));
    expect(rows).toHaveLength(100);
  });

  it('mends a gap that was counted wrong: shorter (runs left the list) or longer (runs arrived)', () => {
    // Counted 5 slots between r97 and r89, but only r96..r90 (7 runs) are there now: the page pushes r89 down.
    const counted: Slot[] = [...page(0, 3), undefined, undefined, undefined, undefined, undefined, server[10], undefined];
    const longer = placeAfter(counted, 3, page(3, 7), true);
    expect(ids(longer)).toEqual([...ids(page(0, 11)), '·']);
    // Counted 9 slots, but the page reaches r89 after 7 runs: the two extra gaps close.
    const more: Slot[] = [...page(0, 3), ...Array<Slot>(9).fill(undefined), server[10], undefined];
    expect(ids(placeAfter(more, 3, page(3, 8), true))).toEqual([...ids(page(0, 11)), '·']);
  });

  it('ends the list where a page says nothing more follows', () => {
    const rows = placeAfter(firstPage(page(0, 2), 10), 2, page(2, 3), false);
    expect(ids(rows)).toEqual(ids(page(0, 5)));
  });

  it('places a jump at its offset, resizes to the new count and never holds a run twice', () => {
    const rows = firstPage(page(0, 3), 100);
    const jumped = placeAt(rows, 50, [server[1]!, ...page(51, 2)], 60);
    expect(jumped).toHaveLength(60);
    expect(ids([jumped[1], jumped[50], jumped[51]])).toEqual(['·', 'r98', 'r48']);
  });

  it('fetches a gap just above loaded runs as the page that ends where they start', () => {
    expect(offsetFor({ at: 150, end: 180, after: null }, 200)).toBe(0);
    expect(offsetFor({ at: 5_000, end: 5_100, after: null }, 200)).toBe(4_900);
    expect(offsetFor({ at: 5_000, end: 90_000, after: null }, 200)).toBe(5_000);
  });

  describe('live updates', () => {
    it('puts a new run at the top, and replaces a changed one in place', () => {
      const rows = firstPage(page(1, 3), 99);
      const added = upsertRun(rows, server[0]!, true);
      expect(ids(added.slice(0, 4))).toEqual(ids(page(0, 4)));
      expect(added).toHaveLength(100);
      const done = upsertRun(added, run('r98', 980, 'completed', 999), true);
      expect(done[1]!.status).toBe('completed');
      expect(done).toHaveLength(100);
    });

    it('ignores a snapshot older than the one it holds (events and fetches race)', () => {
      const rows = [run('a', 10, 'completed', 50)];
      expect(upsertRun(rows, run('a', 10, 'running', 40), true)).toBe(rows);
    });

    it('drops a run that left the filters, and ignores one outside them', () => {
      const rows: Slot[] = [run('b', 20, 'needs_attention'), run('a', 10, 'needs_attention')];
      expect(ids(upsertRun(rows, run('a', 10, 'completed', 60), false))).toEqual(['b']);
      expect(upsertRun(rows, run('z', 99, 'completed'), false)).toBe(rows);
    });

    it('grows a gap when a run falls where the neighbours are not loaded', () => {
      const rows = placeAt(firstPage(page(0, 2), 100), 50, page(50, 2), 100);
      const old = run('r50-late', 495, 'needs_attention');
      const grown = upsertRun(rows, old, true);
      expect(grown).toHaveLength(101);
      expect(loadedRuns(grown).map((r) => r.id)).not.toContain('r50-late');
      expect(ids([grown[51], grown[52]])).toEqual(['r49', 'r48']);
    });

    it('orders runs created in the same millisecond by id, as the server does', () => {
      const rows = upsertRun(upsertRun([], run('x', 10), true), run('y', 10), true);
      expect(ids(rows)).toEqual(['y', 'x']);
      expect(compareRuns(run('x', 10), run('x', 10))).toBe(0);
    });
  });
});
