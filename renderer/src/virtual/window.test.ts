import { describe, expect, it } from 'vitest';
import { scrollToShow, visibleRange } from './window';

const base = { rowHeight: 50, viewportHeight: 500, overscan: 5 };

describe('visibleRange', () => {
  it('renders the rows in view plus the overscan, and pads for the rest', () => {
    const r = visibleRange({ ...base, count: 100_000, scrollTop: 0 });
    expect(r).toEqual({ start: 0, end: 16, padTop: 0, padBottom: (100_000 - 16) * 50 });
  });

  it('keeps the total height equal to every row, wherever it is scrolled', () => {
    for (const scrollTop of [0, 1, 49, 50, 12_345, 4_999_500, 10_000_000]) {
      const r = visibleRange({ ...base, count: 100_000, scrollTop });
      expect(r.padTop + (r.end - r.start) * 50 + r.padBottom).toBe(100_000 * 50);
      expect(r.start).toBeLessThanOrEqual(r.end);
    }
  });

  it('covers the viewport', () => {
    const r = visibleRange({ ...base, count: 1000, scrollTop: 10_025 });
    expect(r.start * 50).toBeLessThanOrEqual(10_025);
    expect(r.end * 50).toBeGreaterThanOrEqual(10_025 + 500);
  });

  it('clamps a scroll position past the end (the list just shrank under a filter)', () => {
    const r = visibleRange({ ...base, count: 3, scrollTop: 9_999 });
    expect(r).toEqual({ start: 0, end: 3, padTop: 0, padBottom: 0 });
  });

  it('renders nothing for an empty list', () => {
    expect(visibleRange({ ...base, count: 0, scrollTop: 0 })).toEqual({ start: 0, end: 0, padTop: 0, padBottom: 0 });
  });
});

describe('scrollToShow', () => {
  it('scrolls only as far as needed', () => {
    expect(scrollToShow(0, 50, 100, 500)).toBe(0);
    expect(scrollToShow(5, 50, 0, 500)).toBe(0);
    expect(scrollToShow(10, 50, 0, 500)).toBe(50);
    expect(scrollToShow(10, 50, 0, 500, 40)).toBe(90);
  });
});
