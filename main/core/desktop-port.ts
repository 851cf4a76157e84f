/**
 * What only the desktop shell can answer: settings that live in the operating system (start at login). The
 * Electron shell passes one to `startKeel`; the headless shell has none, and the console calls that need it
 * answer `unavailable`.
 */
import type { DesktopSettingsView } from '../../preload/api';

export interface DesktopSettingsPort {
  view(): DesktopSettingsView;
  /** Throws a ConsoleProblem with words for the user when the OS refuses or offers no such setting. */
  setStartAtLogin(enabled: boolean): DesktopSettingsView;
}
