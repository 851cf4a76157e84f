import { describe, expect, it } from 'vitest';
import { dayRange, formatBytes, rangeProblem } from './dateRange';

describe('dayRange', () => {
  it('covers whole local days', () => {
    const r = dayRange('2026-03-03', '2026-03-03');
    expect(r.from).toBe(new Date(2026, 2, 3).getTime());
    expect(r.to).toBe(new Date(2026, 2, 4).getTime() - 1);
  });

  it('leaves empty or malformed ends open', () => {
    expect(dayRange('', '')).toEqual({});
    expect(dayRange('yesterday', '2026-01-01').from).toBeUndefined();
  });

  it('says when the end is before the start', () => {
    expect(rangeProblem(dayRange('2026-03-04', '2026-03-03'))).toMatch(/before/);
    expect(rangeProblem(dayRange('2026-03-03', ''))).toBeNull();
  });
});

describe('formatBytes', () => {
  it('is short', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
  });
});
