import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../preload/api';
import { isRefined, noRefinement, refineRuns, workflowsIn } from './runFilter';

function run(id: string, createdAt: number, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id, workflowId: 'client-onboarding', workflowName: 'Client onboarding', workflowVersion: 1, clientKey: `C-2026-${id}`,
    status: 'completed', createdAt, updatedAt: createdAt, finishedAt: createdAt, attempts: 1, stepCount: 4, stepsDone: 4, ...over,
  };
}

const runs = [
  run('0003', 300, { workflowId: 'invoice-paid', workflowName: 'Invoice paid' }),
  run('0002', 200, { clientKey: null }),
  run('0001', 100),
];
const ids = (list: readonly RunSummary[]) => list.map((r) => r.id);

describe('refineRuns', () => {
  it('returns the same list when nothing filters', () => {
    expect(refineRuns(runs, noRefinement)).toBe(runs);
    expect(isRefined({ ...noRefinement, text: '  ' })).toBe(false);
  });

  it('filters by workflow, client prefix and text, keeping the order', () => {
    expect(ids(refineRuns(runs, { ...noRefinement, workflowId: 'client-onboarding' }))).toEqual(['0002', '0001']);
    expect(ids(refineRuns(runs, { ...noRefinement, clientKey: 'c-2026-000' }))).toEqual(['0003', '0001']);
    expect(ids(refineRuns(runs, { ...noRefinement, text: 'INVOICE' }))).toEqual(['0003']);
    expect(ids(refineRuns(runs, { ...noRefinement, text: '0002' }))).toEqual(['0002']);
  });

  it('filters by creation time, both ends inclusive', () => {
    expect(ids(refineRuns(runs, { ...noRefinement, from: 200 }))).toEqual(['0003', '0002']);
    expect(ids(refineRuns(runs, { ...noRefinement, from: 150, to: 200 }))).toEqual(['0002']);
  });

  it('combines filters with and', () => {
    expect(ids(refineRuns(runs, { ...noRefinement, text: 'client', to: 150 }))).toEqual(['0001']);
  });

  it('sees a changed run (new snapshot) with its new text', () => {
    const changed = [run('0001', 100, { clientKey: 'C-NEW' })];
    expect(ids(refineRuns(changed, { ...noRefinement, text: 'c-new' }))).toEqual(['0001']);
  });
});

describe('workflowsIn', () => {
  it('lists each workflow once, by name', () => {
    expect(workflowsIn(runs)).toEqual([
      { id: 'client-onboarding', name: 'Client onboarding' },
      { id: 'invoice-paid', name: 'Invoice paid' },
    ]);
  });
});
