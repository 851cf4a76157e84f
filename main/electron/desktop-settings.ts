/**
 * The desktop settings the console can change (Settings → Start at login), answered from the OS through
 * login-item.ts: the OS stays the one place the setting lives, so the console, the tray and the next login
 * always agree.
 */
import type { DesktopSettingsView } from '../../preload/api';
import { ConsoleProblem } from '../console/dispatch';
import type { DesktopSettingsPort } from '../core/desktop-port';
import { setStartAtLogin, startAtLogin, type Launcher, type LoginItemHost } from './login-item';

export class LoginItemSettings implements DesktopSettingsPort {
  constructor(
    private readonly login: { host: LoginItemHost; launcher: Launcher },
    /** After a change from the console, so the tray's checkbox follows; must not throw. */
    private readonly onChange: () => void = () => {},
  ) {}

  view(): DesktopSettingsView {
    try {
      return { startAtLogin: startAtLogin(this.login.host, this.login.launcher) };
    } catch (error) {
      throw new ConsoleProblem('unavailable', `The start-at-login setting could not be read from the system: ${(error as Error).message}.`);
    }
  }

  setStartAtLogin(enabled: boolean): DesktopSettingsView {
    if (this.view().startAtLogin === null) {
      throw new ConsoleProblem('unavailable', `Start at login is not offered on ${this.login.launcher.platform}; start Keel from your system's own startup settings.`);
    }
    try {
      setStartAtLogin(enabled, this.login.host, this.login.launcher);
    } catch (error) {
      const where = this.login.launcher.platform === 'linux' ? `check that you may write to ${this.login.launcher.autostartDir}` : "set it in the system's login items instead";
      throw new ConsoleProblem('unavailable', `The system refused to ${enabled ? 'add' : 'remove'} Keel's login item (${(error as Error).message}); ${where}.`);
    }
    this.onChange();
    return this.view();
  }
}
