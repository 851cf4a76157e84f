import { describe, expect, it } from 'vitest';
import { AttentionBatcher, type AttentionNotice } from './attention-batcher';
import { FakeScheduler } from './fake-scheduler';
import { runSummary } from './test-runs';

function setup(policy = {}) {
  const clock = new FakeScheduler();
  const shown: AttentionNotice[][] = [];
  const batcher = new AttentionBatcher((notices) => shown.push(notices), clock, policy);
  const ids = () => shown.map((batch) => batch.map((n) => (n.kind === 'run' ? n.run.id : `group:${n.runs.map((r) => r.id).join(',')}`)));
  return { clock, batcher, shown, ids };
}

describe('notifications for runs that need attention', () => {
  it('show one run on its own, after the batching window', () => {
    const { clock, batcher, ids } = setup();
    batcher.add(runSummary('a'));
    clock.advance(2999);
    expect(ids()).toEqual([]);
    clock.advance(1);
    expect(ids()).toEqual([['a']]);
    expect(clock.pending).toBe(0);
  });

  it('show a few runs arriving together one per run, in the order they arrived', () => {
    const { clock, batcher, ids } = setup();
    batcher.add(runSummary('a'));
    clock.advance(1000);
    batcher.add(runSummary('b'));
    clock.advance(2000);
    expect(ids()).toEqual([['a', 'b']]);
  });

  it('group many runs arriving together into one notification', () => {
    const { clock, batcher, shown } = setup();
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      batcher.add(runSummary(id));
      clock.advance(500);
    }
    clock.advance(3000);
    expect(shown).toHaveLength(1);
    expect(shown[0]).toEqual([{ kind: 'group', runs: ['a', 'b', 'c', 'd', 'e'].map((id) => runSummary(id)) }]);
  });

  it('count the window from the first run, so a steady trickle still notifies every window', () => {
    const { clock, batcher, ids } = setup({ windowMs: 1000, groupFrom: 100 });
    for (let i = 0; i < 25; i++) {
      batcher.add(runSummary(`r${i}`));
      clock.advance(100);
    }
    expect(ids().map((batch) => batch.length)).toEqual([10, 10]);
    clock.advance(1000);
    expect(ids().map((batch) => batch.length)).toEqual([10, 10, 5]);
  });

  it('notify a run once per batch, with its latest summary', () => {
    const { clock, batcher, shown } = setup();
    batcher.add(runSummary('a', { attempts: 3 }));
    batcher.add(runSummary('a', { attempts: 4 }));
    clock.advance(3000);
    expect(shown).toEqual([[{ kind: 'run', run: runSummary('a', { attempts: 4 }) }]]);
  });

  it('drop a run resumed before its notification was shown, and show nothing when none is left', () => {
    const { clock, batcher, ids } = setup();
    batcher.add(runSummary('a'));
    batcher.add(runSummary('b'));
    batcher.withdraw('a');
    clock.advance(3000);
    expect(ids()).toEqual([['b']]);
    batcher.add(runSummary('c'));
    batcher.withdraw('c');
    expect(clock.pending).toBe(0);
    clock.advance(10_000);
    expect(ids()).toEqual([['b']]);
  });

  it('notify the same run again when it needs attention again in a later batch', () => {
    const { clock, batcher, ids } = setup();
    batcher.add(runSummary('a'));
    clock.advance(3000);
    batcher.add(runSummary('a'));
    clock.advance(3000);
    expect(ids()).toEqual([['a'], ['a']]);
  });

  it('show nothing more once disposed (Keel is quitting)', () => {
    const { clock, batcher, ids } = setup();
    batcher.add(runSummary('a'));
    batcher.dispose();
    batcher.add(runSummary('b'));
    clock.advance(10_000);
    expect(ids()).toEqual([]);
    expect(clock.pending).toBe(0);
  });

  it('refuse a policy that cannot work', () => {
    expect(() => setup({ groupFrom: 1 })).toThrow(/groupFrom >= 2/);
    expect(() => setup({ windowMs: -1 })).toThrow(/windowMs >= 0/);
  });
});
