import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../preload/api';
import { isRefined, matchesQuery, noRefinement, runQuery } from './runFilter';

function run(id: string, createdAt: number, over: Partial<RunSummary> = {}): RunSummary {
  return {
    id, workflowId: 'client-onboarding', workflowName: 'Client onboarding', workflowVersion: 1, clientKey: `C-2026-${id}`,
    status: 'completed', createdAt, updatedAt: createdAt, finishedAt: createdAt, attempts: 1, stepCount: 4, stepsDone: 4, ...over,
  };
}

describe('runQuery', () => {
  it('sends only the filters that are set, trimmed (the contract refuses empty text)', () => {
    expect(runQuery('all', noRefinement)).toEqual({});
    expect(runQuery('needs_attention', { workflowId: 'invoice-paid', clientKey: '  c-2026- ', text: ' ', from: 5, to: 9 }))
      .toEqual({ status: 'needs_attention', workflowId: 'invoice-paid', clientKey: 'c-2026-', from: 5, to: 9 });
  });
});

describe('matchesQuery', () => {
  const invoice = run('0003', 300, { workflowId: 'invoice-paid', workflowName: 'Invoice paid', status: 'needs_attention' });
  it('judges one run as the server filters: status, workflow, client prefix and text in any case, dates inclusive', () => {
    expect(matchesQuery(invoice, 'all', noRefinement)).toBe(true);
    expect(matchesQuery(invoice, 'completed', noRefinement)).toBe(false);
    expect(matchesQuery(invoice, 'needs_attention', { ...noRefinement, workflowId: 'invoice-paid' })).toBe(true);
    expect(matchesQuery(invoice, 'all', { ...noRefinement, workflowId: 'client-onboarding' })).toBe(false);
    expect(matchesQuery(invoice, 'all', { ...noRefinement, clientKey: 'c-2026-00' })).toBe(true);
    expect(matchesQuery(invoice, 'all', { ...noRefinement, clientKey: '2026' })).toBe(false); // a prefix, not anywhere
    expect(matchesQuery(invoice, 'all', { ...noRefinement, text: 'INVOICE' })).toBe(true);
    expect(matchesQuery(invoice, 'all', { ...noRefinement, text: '0003' })).toBe(true);
    expect(matchesQuery(invoice, 'all', { ...noRefinement, from: 300, to: 300 })).toBe(true);
    expect(matchesQuery(invoice, 'all', { ...noRefinement, from: 301 })).toBe(false);
    expect(matchesQuery(run('x', 1, { clientKey: null }), 'all', { ...noRefinement, clientKey: 'C' })).toBe(false);
  });

  it('says when any filter beyond status is set', () => {
    expect(isRefined(noRefinement)).toBe(false);
    expect(isRefined({ ...noRefinement, text: '   ' })).toBe(false);
    expect(isRefined({ ...noRefinement, to: 0 })).toBe(true);
    // Clearing is a merge of noRefinement over the current filters (setRefine): it must clear the dates too.
    expect(isRefined({ ...{ ...noRefinement, text: 'x', from: 5, to: 9 }, ...noRefinement })).toBe(false);
  });
});
