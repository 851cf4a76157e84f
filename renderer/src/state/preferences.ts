/**
 * Preferences kept on this computer only (localStorage): the theme and whether to show desktop notifications.
 * Storage may refuse (private mode); then the defaults apply and nothing breaks.
 */
import { create } from 'zustand';

export type Theme = 'system' | 'light' | 'dark';

const THEME_KEY = 'keel.theme';
const NOTIFY_KEY = 'keel.notifications';

export function parseTheme(value: string | null): Theme {
  return value === 'light' || value === 'dark' ? value : 'system';
}

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Not remembered across restarts; the choice still applies now.
  }
}

/** `system` removes the attribute so the CSS follows prefers-color-scheme. */
export function applyTheme(theme: Theme): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

interface PreferencesState {
  theme: Theme;
  notifications: boolean;
  setTheme(theme: Theme): void;
  setNotifications(on: boolean): void;
}

export const usePreferences = create<PreferencesState>()((set) => ({
  theme: parseTheme(read(THEME_KEY)),
  notifications: read(NOTIFY_KEY) !== 'off',
  setTheme(theme) {
    write(THEME_KEY, theme);
    applyTheme(theme);
    set({ theme });
  },
  setNotifications(on) {
    write(NOTIFY_KEY, on ? 'on' : 'off');
    set({ notifications: on });
  },
}));
