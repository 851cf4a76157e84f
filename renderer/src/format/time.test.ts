import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative, formatUtc, runDuration } from './time';

describe('formatDuration', () => {
  it.each([
    [0, '0 ms'],
    [850, '850 ms'],
    [1_000, '1.0 s'],
    [4_249, '4.2 s'],
    [9_999, '9.9 s'],
    [42_700, '42 s'],
    [185_000, '3 m 05 s'],
    [2 * 3_600_000 + 3 * 60_000 + 59_000, '2 h 03 m'],
    [26 * 3_600_000, '1 d 02 h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it('never shows a negative or broken duration (clock skew, bad data)', () => {
    expect(formatDuration(-5)).toBe('0 ms');
    expect(formatDuration(Number.NaN)).toBe('0 ms');
  });
});

describe('runDuration', () => {
  const base = { createdAt: 1_000, updatedAt: 5_000, finishedAt: null };

  it('measures a finished run to its finish', () => {
    expect(runDuration({ ...base, status: 'completed', finishedAt: 4_000 }, 99_000)).toBe(3_000);
  });

  it('measures a running run to now', () => {
    expect(runDuration({ ...base, status: 'running' }, 9_000)).toBe(8_000);
  });

  it('stops the clock of a run waiting for a person at its last change', () => {
    expect(runDuration({ ...base, status: 'needs_attention' }, 99_000)).toBe(4_000);
  });
});

describe('formatUtc', () => {
  it('is exact and zone-free', () => {
    expect(formatUtc(Date.UTC(2024, 4, 1, 12, 0, 3, 45))).toBe('2024-05-01 12:00:03.045 UTC');
  });
});

describe('formatRelative', () => {
  it('speaks of the future and the past', () => {
    expect(formatRelative(12_000, 0)).toBe('in 12 s');
    expect(formatRelative(0, 185_000)).toBe('3 m 05 s ago');
    expect(formatRelative(500, 0)).toBe('now');
  });
});
