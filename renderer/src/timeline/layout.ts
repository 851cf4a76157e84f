/**
 * The run timeline as geometry in time: each step's attempts and the backoff waits between them, packed into
 * lanes so steps that overlap in time (parallel branches) never share one. Pure, so it is tested without a DOM.
 *
 * Contract: every segment has `start <= end`; within a lane, steps are ordered and never overlap; a step whose
 * attempt is still in flight ends at `now`; a step waiting for its next attempt shows the wait up to
 * `nextAttemptAt`. Steps that never ran (pending, skipped before starting) are returned in `notRun`.
 */
import type { AttemptView, StepView } from '../../../preload/api';

export type SegmentKind = 'attempt' | 'wait' | 'instant';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
  /** For attempts: the attempt's status and number; for waits: the attempt the wait leads to. */
  attempt?: AttemptView;
  status: AttemptView['status'] | 'waiting' | 'failed_before_start';
  /** A wait still ahead of `now` (the next attempt is scheduled). */
  future?: boolean;
}

export interface StepBar {
  step: StepView;
  lane: number;
  start: number;
  end: number;
  segments: Segment[];
}

export interface TimelineLayout {
  start: number;
  end: number;
  lanes: StepBar[][];
  bars: StepBar[];
  notRun: StepView[];
}

/** Steps shorter than this still get a visible extent, so two instants in one lane do not collide. */
export const MIN_SPAN_MS = 1;

export function stepSegments(step: StepView, attempts: readonly AttemptView[], now: number): Segment[] {
  const own = attempts.filter((a) => a.stepId === step.stepId).sort((a, b) => a.number - b.number || a.startedAt - b.startedAt);
  const segments: Segment[] = [];
  let previousEnd: number | null = null;
  for (const attempt of own) {
    if (previousEnd !== null && attempt.startedAt > previousEnd) {
      segments.push({ kind: 'wait', start: previousEnd, end: attempt.startedAt, attempt, status: 'waiting' });
    }
    const end = attempt.finishedAt ?? (attempt.status === 'in_flight' ? Math.max(now, attempt.startedAt) : attempt.startedAt);
    segments.push({ kind: 'attempt', start: attempt.startedAt, end: Math.max(end, attempt.startedAt), attempt, status: attempt.status });
    previousEnd = Math.max(end, attempt.startedAt);
  }
  if (step.status === 'queued' && step.nextAttemptAt !== null && previousEnd !== null && step.nextAttemptAt > previousEnd) {
    segments.push({ kind: 'wait', start: previousEnd, end: step.nextAttemptAt, status: 'waiting', future: step.nextAttemptAt > now });
  }
  if (own.length === 0 && step.finishedAt !== null && step.status !== 'skipped' && step.status !== 'cancelled') {
    // Failed before any request went out (its input could not be built): a point in time, not a bar.
    const at = step.startedAt ?? step.finishedAt;
    segments.push({ kind: 'instant', start: at, end: Math.max(at, step.finishedAt), status: 'failed_before_start' });
  }
  return segments;
}

export function layoutTimeline(steps: readonly StepView[], attempts: readonly AttemptView[], now: number): TimelineLayout {
  const bars: StepBar[] = [];
  const notRun: StepView[] = [];
  for (const step of steps) {
    const segments = stepSegments(step, attempts, now);
    if (segments.length === 0) {
      notRun.push(step);
      continue;
    }
    const start = Math.min(...segments.map((s) => s.start));
    const end = Math.max(...segments.map((s) => s.end), start + MIN_SPAN_MS);
    bars.push({ step, lane: -1, start, end, segments });
  }
  // Greedy interval packing in start order. A step continues in the lane of a step it needs when that lane is
  // free, so a chain (channel -> invite -> welcome) reads along one line; otherwise the first free lane.
  const ordered = [...bars].sort((a, b) => a.start - b.start || a.end - b.end);
  const lanes: StepBar[][] = [];
  const laneOf = new Map<string, number>();
  const free = (lane: number, at: number) => (lanes[lane]?.[lanes[lane]!.length - 1]?.end ?? -Infinity) <= at;
  for (const bar of ordered) {
    const parentLane = bar.step.needs.map((id) => laneOf.get(id)).find((l): l is number => l !== undefined && free(l, bar.start));
    let lane = parentLane ?? lanes.findIndex((_, i) => free(i, bar.start));
    if (lane === -1) {
      lane = lanes.length;
      lanes.push([]);
    }
    bar.lane = lane;
    laneOf.set(bar.step.stepId, lane);
    lanes[lane]!.push(bar);
  }
  const start = ordered.length ? Math.min(...ordered.map((b) => b.start)) : now;
  const end = ordered.length ? Math.max(...ordered.map((b) => b.end), start + MIN_SPAN_MS) : now;
  return { start, end, lanes, bars: ordered, notRun };
}

/** Round tick spacings for an axis spanning `span` ms, aiming at about `target` ticks. */
const steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 43_200_000, 86_400_000];

export function axisTicks(start: number, end: number, target = 6): number[] {
  const span = Math.max(end - start, 1);
  const step = steps.find((s) => span / s <= target) ?? Math.ceil(span / target);
  const ticks: number[] = [];
  for (let t = 0; t <= span + 1e-9; t += step) ticks.push(t);
  return ticks;
}
