import { describe, expect, it } from 'vitest';
import { ConsoleEventHub } from '../console/events';
import { AttentionMonitor } from './attention';
import { runSummary } from './test-runs';

function setup() {
  const added: string[] = [];
  const withdrawn: string[] = [];
  const counts: number[] = [];
  const monitor = new AttentionMonitor({ add: (run) => added.push(run.id), withdraw: (id) => withdrawn.push(id) }, (n) => counts.push(n));
  return { monitor, added, withdrawn, counts };
}

describe('the runs that need attention', () => {
  it('counts the runs already waiting at start without notifying them', () => {
    const { monitor, added, counts } = setup();
    monitor.seed([runSummary('a'), runSummary('b'), runSummary('c', { status: 'completed' })]);
    expect(monitor.count).toBe(2);
    expect(counts).toEqual([2]);
    expect(added).toEqual([]);
  });

  it('notifies a run when it enters needs_attention, and only then', () => {
    const { monitor, added, counts } = setup();
    monitor.observe(runSummary('a', { status: 'running' }));
    monitor.observe(runSummary('a', { status: 'needs_attention' }));
    monitor.observe(runSummary('a', { status: 'needs_attention', updatedAt: 5 }));
    expect(added).toEqual(['a']);
    expect(counts).toEqual([1]);
  });

  it('withdraws a run that leaves needs_attention (resumed or cancelled)', () => {
    const { monitor, withdrawn, counts } = setup();
    monitor.seed([runSummary('a')]);
    monitor.observe(runSummary('a', { status: 'running' }));
    expect(withdrawn).toEqual(['a']);
    expect(counts).toEqual([1, 0]);
    monitor.observe(runSummary('b', { status: 'cancelled' }));
    expect(withdrawn).toEqual(['a']);
  });

  it('follows run.changed on the console events until unsubscribed', () => {
    const { monitor, added } = setup();
    const events = new ConsoleEventHub();
    const stop = monitor.follow(events);
    events.emit('run.changed', runSummary('a'));
    stop();
    events.emit('run.changed', runSummary('b'));
    expect(added).toEqual(['a']);
  });
});
