/**
 * The tray's "Pause intake" / "Resume intake", on the core's intake pause. The ledger records every pause with
 * who and why; a menu click cannot ask, so the tray records the computer's user name and says the tray did it.
 */
import os from 'node:os';
import type { Actor } from '../../preload/api';
import type { IntakeSwitch } from './core-hooks';

export interface IntakePauseLike {
  readonly paused: boolean;
  pause(actor: Actor): unknown;
  resume(actor: Actor): unknown;
}

export function trayIntakeSwitch(pause: IntakePauseLike, user: string): IntakeSwitch {
  const who = user.trim() || 'desktop user';
  return {
    get paused() {
      return pause.paused;
    },
    pause: () => void pause.pause({ who, why: 'Paused from the tray menu (no reason asked there)' }),
    resume: () => void pause.resume({ who, why: 'Resumed from the tray menu (no reason asked there)' }),
  };
}

/** The computer's user name; empty where the OS has no entry for this user (some containers). */
export function desktopUserName(userInfo: () => { username: string } = os.userInfo): string {
  try {
    return userInfo().username;
  } catch {
    return '';
  }
}
