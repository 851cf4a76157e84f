import { describe, expect, it } from 'vitest';
import { parseTheme } from './preferences';

describe('parseTheme', () => {
  it('falls back to following the system for anything unknown', () => {
    expect(parseTheme('dark')).toBe('dark');
    expect(parseTheme('light')).toBe('light');
    expect(parseTheme(null)).toBe('system');
    expect(parseTheme('solarized')).toBe('system');
  });
});
