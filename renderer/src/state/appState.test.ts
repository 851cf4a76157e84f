import { describe, expect, it } from 'vitest';
import { appState } from './appState';

const base = { signedOut: false, infoLoaded: false, infoFailed: false, runsLoaded: false, runsFailed: false };

describe('appState', () => {
  it('is loaded only once app info and the first runs list are in', () => {
    expect(appState(base)).toBe('loading');
    expect(appState({ ...base, infoLoaded: true })).toBe('loading');
    expect(appState({ ...base, infoLoaded: true, runsLoaded: true })).toBe('loaded');
  });

  it('stays loaded through later errors, and says when it never got there', () => {
    expect(appState({ ...base, infoLoaded: true, runsLoaded: true, runsFailed: true })).toBe('loaded');
    expect(appState({ ...base, runsFailed: true })).toBe('error');
    expect(appState({ ...base, infoLoaded: true, runsLoaded: true, signedOut: true })).toBe('signed-out');
  });
});
