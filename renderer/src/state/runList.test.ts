import { describe, expect, it } from 'vitest';
import type { RunStatus, RunSummary } from '../../../preload/api';
import { compareRuns, mergeFetched, upsertRun } from './runList';

function run(id: string, createdAt: number, status: RunStatus = 'running', updatedAt = createdAt): RunSummary {
  return {
    id,
    workflowId: 'client-onboarding',
    workflowName: 'Client onboarding',
    workflowVersion: 1,
    clientKey: `C-${id}`,
    status,
    createdAt,
    updatedAt,
    finishedAt: null,
    attempts: 0,
    stepCount: 4,
    stepsDone: 0,
  };
}

const ids = (list: RunSummary[]) => list.map((r) => r.id);

describe('upsertRun', () => {
  it('puts a new run in newest-first order', () => {
    let list: RunSummary[] = [];
    list = upsertRun(list, run('a', 10), 'all');
    list = upsertRun(list, run('c', 30), 'all');
    list = upsertRun(list, run('b', 20), 'all');
    expect(ids(list)).toEqual(['c', 'b', 'a']);
  });

  it('replaces a run in place without duplicating it', () => {
    const list = [run('b', 20), run('a', 10)];
    const next = upsertRun(list, run('a', 10, 'completed', 50), 'all');
    expect(ids(next)).toEqual(['b', 'a']);
    expect(next[1]!.status).toBe('completed');
  });

  it('ignores a snapshot older than the one it has (events and fetches race)', () => {
    const list = [run('a', 10, 'completed', 50)];
    expect(upsertRun(list, run('a', 10, 'running', 40), 'all')).toBe(list);
  });

  it('drops a run that no longer matches the filter, and ignores new ones that do not', () => {
    const list = [run('a', 10, 'needs_attention')];
    expect(upsertRun(list, run('a', 10, 'completed', 60), 'needs_attention')).toEqual([]);
    expect(upsertRun(list, run('z', 99, 'completed'), 'needs_attention')).toBe(list);
  });

  it('orders runs created in the same millisecond stably by id', () => {
    const list = upsertRun(upsertRun([], run('x', 10), 'all'), run('y', 10), 'all');
    expect(ids(list)).toEqual(['y', 'x']);
    expect(compareRuns(run('x', 10), run('x', 10))).toBe(0);
  });
});

describe('mergeFetched', () => {
  it('sorts the fetched page and replays newer events seen while it was in flight', () => {
    const fetched = [run('a', 10, 'running', 10), run('b', 20, 'running', 20)];
    const seen = [run('a', 10, 'completed', 70), run('c', 30), run('b', 20, 'running', 5)];
    const merged = mergeFetched(fetched, seen, 'all');
    expect(ids(merged)).toEqual(['c', 'b', 'a']);
    expect(merged[2]!.status).toBe('completed');
    expect(merged[1]!.updatedAt).toBe(20);
  });

  it('keeps only runs matching the filter', () => {
    const merged = mergeFetched([run('a', 10, 'running'), run('b', 20, 'completed')], [], 'completed');
    expect(ids(merged)).toEqual(['b']);
  });
});
