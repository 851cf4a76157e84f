/** Time as the console shows it: local for reading, exact UTC on hover, durations short and stable. */
import type { RunSummary } from '../../../preload/api';

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const pad = (n: number) => String(n).padStart(2, '0');

/** `850 ms`, `4.2 s`, `42 s`, `3 m 05 s`, `2 h 03 m`, `1 d 04 h`: two units at most, never negative. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) ms = 0;
  if (ms < SECOND) return `${Math.round(ms)} ms`;
  if (ms < 10 * SECOND) return `${(Math.floor(ms / 100) / 10).toFixed(1)} s`;
  if (ms < MINUTE) return `${Math.floor(ms / SECOND)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} m ${pad(Math.floor((ms % MINUTE) / SECOND))} s`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${pad(Math.floor((ms % HOUR) / MINUTE))} m`;
  return `${Math.floor(ms / DAY)} d ${pad(Math.floor((ms % DAY) / HOUR))} h`;
}

/**
 * How long a run has taken: to its finish, or to now while it runs. A run that stopped without finishing
 * (needs attention, cancelled) is measured to its last change, so its duration does not keep growing.
 */
export function runDuration(run: Pick<RunSummary, 'status' | 'createdAt' | 'updatedAt' | 'finishedAt'>, now: number): number {
  const end = run.finishedAt ?? (run.status === 'running' ? now : run.updatedAt);
  return Math.max(0, end - run.createdAt);
}

/** The exact instant, unambiguous whatever the reader's zone: `2024-05-01 12:00:00.000 UTC`. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace('Z', ' UTC');
}

const localFormat = new Intl.DateTimeFormat(undefined, {
  year: 'numeric',
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Local date and time in the reader's locale. */
export function formatLocal(ms: number): string {
  return localFormat.format(ms);
}

/** `in 12 s`, `3 m 05 s ago`, `now`: for next-attempt times, where the distance matters more than the date. */
export function formatRelative(ms: number, now: number): string {
  const delta = ms - now;
  if (Math.abs(delta) < SECOND) return 'now';
  const span = formatDuration(Math.abs(delta));
  return delta > 0 ? `in ${span}` : `${span} ago`;
}
