import { describe, expect, it } from 'vitest';
import { noticeContent } from './attention-notice';
import { runSummary } from './test-runs';

describe('what a needs-attention notification says', () => {
  it('names the workflow and the client for one run, and opens that run', () => {
    expect(noticeContent({ kind: 'run', run: runSummary('run/1', { clientKey: 'C-1042' }) })).toEqual({
      title: 'Client onboarding needs attention',
      body: 'C-1042: 2 of 7 steps done. Open the run to see what failed and resume it.',
      route: '#/runs/run%2F1',
    });
  });

  it('falls back to the run id when the run has no client key', () => {
    expect(noticeContent({ kind: 'run', run: runSummary('0123456789abcdef', { clientKey: null }) }).body).toMatch(/^01234567: /);
  });

  it('counts a group, names its first runs, and opens the runs list', () => {
    const runs = ['1', '2', '3', '4', '5'].map((id) => runSummary(id));
    expect(noticeContent({ kind: 'group', runs })).toEqual({
      title: '5 runs need attention',
      body: 'C-1, C-2, C-3 and 2 more. Open Keel to see what failed and resume them.',
      route: '#/runs',
    });
    expect(noticeContent({ kind: 'group', runs: runs.slice(0, 3) }).body).toBe('C-1, C-2, C-3. Open Keel to see what failed and resume them.');
  });
});
