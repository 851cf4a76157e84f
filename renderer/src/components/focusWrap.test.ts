import { describe, expect, it } from 'vitest';
import { wrapFocusTarget } from './focusWrap';

const stops = ['close', 'who', 'why', 'cancel', 'submit'];

describe('wrapFocusTarget', () => {
  it('sends Tab from the last stop back to the first', () => {
    expect(wrapFocusTarget(stops, 'submit', false)).toBe('close');
  });

  it('sends Shift+Tab from the first stop to the last', () => {
    expect(wrapFocusTarget(stops, 'close', true)).toBe('submit');
  });

  it('leaves moves inside the dialog to the browser', () => {
    expect(wrapFocusTarget(stops, 'who', false)).toBeNull();
    expect(wrapFocusTarget(stops, 'who', true)).toBeNull();
    expect(wrapFocusTarget(stops, 'submit', true)).toBeNull();
    expect(wrapFocusTarget(stops, 'close', false)).toBeNull();
  });

  it('does nothing when focus is elsewhere or there is nothing to focus', () => {
    expect(wrapFocusTarget(stops, 'the dialog itself', false)).toBeNull();
    expect(wrapFocusTarget(stops, null, false)).toBeNull();
    expect(wrapFocusTarget([], 'close', false)).toBeNull();
  });

  it('keeps focus on a lone stop both ways', () => {
    expect(wrapFocusTarget(['close'], 'close', false)).toBe('close');
    expect(wrapFocusTarget(['close'], 'close', true)).toBe('close');
  });
});
