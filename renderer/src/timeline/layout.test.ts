import { describe, expect, it } from 'vitest';
import type { AttemptView, StepView } from '../../../preload/api';
import { axisTicks, layoutTimeline, stepSegments } from './layout';

function step(stepId: string, over: Partial<StepView> = {}): StepView {
  return {
    stepId, name: stepId, action: 'x.y', needs: [], when: null, status: 'succeeded', attempts: 1, nextAttemptAt: null,
    startedAt: null, finishedAt: null, input: null, output: null, error: null, note: null, ...over,
  };
}
let n = 0;
function attempt(stepId: string, number: number, startedAt: number, finishedAt: number | null, status: AttemptView['status'] = 'succeeded'): AttemptView {
  return { id: `a${++n}`, stepId, number, status, idempotencyKey: 'k', startedAt, finishedAt, error: null };
}

function assertNoOverlap(lanes: { start: number; end: number }[][]) {
  for (const lane of lanes) {
    for (let i = 1; i < lane.length; i++) expect(lane[i]!.start).toBeGreaterThanOrEqual(lane[i - 1]!.end);
  }
}

describe('layoutTimeline', () => {
  it('puts parallel steps in their own lanes and never overlaps bars in a lane', () => {
    const steps = [
      step('stripe'),
      step('asana', { needs: ['stripe'] }),
      step('channel', { needs: ['stripe'] }),
      step('drive', { needs: ['stripe'] }),
      step('invite', { needs: ['channel'] }),
      step('share', { needs: ['drive'] }),
    ];
    const attempts = [
      attempt('stripe', 1, 0, 100),
      attempt('asana', 1, 105, 220),
      attempt('channel', 1, 107, 210),
      attempt('drive', 1, 108, 230),
      attempt('invite', 1, 240, 300),
      attempt('share', 1, 245, 320),
    ];
    const layout = layoutTimeline(steps, attempts, 1_000);
    assertNoOverlap(layout.lanes);
    const lane = (id: string) => layout.bars.find((b) => b.step.stepId === id)!.lane;
    expect(new Set([lane('asana'), lane('channel'), lane('drive')]).size).toBe(3);
    // A chain continues on the lane of the step it needs.
    expect(lane('invite')).toBe(lane('channel'));
    expect(lane('share')).toBe(lane('drive'));
    expect(layout.start).toBe(0);
    expect(layout.end).toBe(320);
  });

  it('never overlaps whatever the input (randomised)', () => {
    for (let round = 0; round < 50; round++) {
      const steps: StepView[] = [];
      const attempts: AttemptView[] = [];
      for (let i = 0; i < 12; i++) {
        const start = Math.floor(Math.random() * 1000);
        steps.push(step(`s${i}`, { needs: i > 0 ? [`s${Math.floor(Math.random() * i)}`] : [] }));
        attempts.push(attempt(`s${i}`, 1, start, start + Math.floor(Math.random() * 300)));
      }
      assertNoOverlap(layoutTimeline(steps, attempts, 2_000).lanes);
    }
  });

  it('shows the backoff wait between attempts', () => {
    const s = step('slack', { attempts: 3 });
    const segments = stepSegments(s, [attempt('slack', 1, 0, 50, 'failed'), attempt('slack', 2, 1_050, 1_100, 'failed'), attempt('slack', 3, 3_100, 3_150)], 5_000);
    expect(segments.map((x) => x.kind)).toEqual(['attempt', 'wait', 'attempt', 'wait', 'attempt']);
    expect(segments[1]).toMatchObject({ start: 50, end: 1_050, status: 'waiting' });
    expect(segments[3]).toMatchObject({ start: 1_100, end: 3_100 });
  });

  it('shows the scheduled wait of a queued step up to its next attempt', () => {
    const s = step('slack', { status: 'queued', nextAttemptAt: 9_000 });
    const segments = stepSegments(s, [attempt('slack', 1, 0, 50, 'failed')], 1_000);
    expect(segments[1]).toMatchObject({ kind: 'wait', start: 50, end: 9_000, future: true });
  });

  it('extends a running step to now', () => {
    const s = step('asana', { status: 'running' });
    const layout = layoutTimeline([s], [attempt('asana', 1, 100, null, 'in_flight')], 4_000);
    expect(layout.bars[0]!.end).toBe(4_000);
    expect(layout.end).toBe(4_000);
  });

  it('lists steps that never ran apart, and marks a failure before any request as an instant', () => {
    const failed = step('stripe', { status: 'needs_attention', attempts: 0, finishedAt: 500 });
    const pending = step('asana', { status: 'pending', attempts: 0, needs: ['stripe'] });
    const skipped = step('drive', { status: 'skipped', attempts: 0, finishedAt: 600, note: "its condition is false" });
    const layout = layoutTimeline([failed, pending, skipped], [], 1_000);
    expect(layout.bars.map((b) => b.step.stepId)).toEqual(['stripe']);
    expect(layout.bars[0]!.segments[0]!.kind).toBe('instant');
    expect(layout.notRun.map((s) => s.stepId)).toEqual(['asana', 'drive']);
  });

  it('gives an empty run an empty axis at now', () => {
    const layout = layoutTimeline([step('a', { status: 'pending' })], [], 42);
    expect(layout).toMatchObject({ start: 42, end: 42, lanes: [] });
  });
});

describe('axisTicks', () => {
  it('chooses round spacings', () => {
    expect(axisTicks(0, 1_000, 6)).toEqual([0, 200, 400, 600, 800, 1_000]);
    expect(axisTicks(0, 60_000, 6)[1]).toBe(10_000);
  });
});
