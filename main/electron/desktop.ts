/**
 * What keeps working while the window is closed: the tray (health, open, pause intake, start at login, quit)
 * and notifications for runs that need attention. It takes its tray and its notifier as ports, so the wiring
 * is tested under Node; `main/index.ts` passes the Electron ones (tray.ts, notifications.ts) and owns the
 * app's lifecycle and the window.
 */
import type { RunSummary } from '../../preload/api';
import type { ConsoleHandlers } from '../console/dispatch';
import { AttentionBatcher, type AttentionBatchPolicy, type AttentionNotice } from './attention-batcher';
import { AttentionMonitor, type ConsoleEventsLike } from './attention';
import type { ShellHooks } from './core-hooks';
import { intakeAnswers, type FetchLike } from './intake-probe';
import { setStartAtLogin, startAtLogin, type Launcher, type LoginItemHost } from './login-item';
import { RUNS_ROUTE } from './routes';
import { systemScheduler, type Scheduler } from './scheduler';
import type { ShellHealth, TrayCommand } from './tray-state';

export interface TrayPort {
  update(change: Partial<ShellHealth>): void;
  destroy(): void;
}

export interface DesktopOptions {
  keel: {
    handlers: Pick<ConsoleHandlers, 'listRuns'>;
    events: ConsoleEventsLike;
    info: { intakeUrl: string };
    logger: { warn(message: string): void; error(message: string, error?: unknown): void };
  };
  hooks: ShellHooks;
  /** Makes the tray; `onCommand` receives its menu commands. */
  createTray(onCommand: (command: TrayCommand) => void, initial: Partial<ShellHealth>): TrayPort;
  notifyAttention(notices: AttentionNotice[]): void;
  /** A plain notification; `onClick` when the user clicks it. */
  notify(title: string, body: string, onClick?: () => void): void;
  /** Brings the window up, at a console route when given. */
  open(route?: string): void;
  quit(): void;
  login: { host: LoginItemHost; launcher: Launcher };
  scheduler?: Scheduler;
  attentionPolicy?: Partial<AttentionBatchPolicy>;
  /** How often the tray re-checks that the intake answers. @default 15000 */
  probeEveryMs?: number;
  fetch?: FetchLike;
}

/** Enough for any real backlog; the count the tray shows is exact up to here. */
const ATTENTION_SEED_LIMIT = 10_000;

export class DesktopShell {
  private readonly tray: TrayPort;
  private readonly batcher: AttentionBatcher;
  private readonly monitor: AttentionMonitor;
  private readonly scheduler: Scheduler;
  private readonly cleanups: (() => void)[] = [];
  private cancelProbe = () => {};
  private quitting = false;
  private stopped = false;
  private toldStillRunning = false;

  private constructor(private readonly o: DesktopOptions) {
    this.scheduler = o.scheduler ?? systemScheduler;
    this.tray = o.createTray((command) => void this.command(command), {
      intake: o.hooks.intake?.paused ? 'paused' : 'receiving',
      canPauseIntake: o.hooks.intake !== undefined,
      tunnel: o.hooks.tunnel?.current() ?? null,
      startAtLogin: this.readStartAtLogin(),
    });
    this.batcher = new AttentionBatcher((notices) => o.notifyAttention(notices), this.scheduler, o.attentionPolicy);
    this.monitor = new AttentionMonitor(this.batcher, (attention) => this.tray.update({ attention }));
  }

  /** Starts the tray, attention notifications and the intake health check for a running Keel. */
  static async start(o: DesktopOptions): Promise<DesktopShell> {
    const shell = new DesktopShell(o);
    const waiting = (await o.keel.handlers.listRuns({ status: 'needs_attention', limit: ATTENTION_SEED_LIMIT })) as RunSummary[];
    // Seed and follow in the same turn: console events arrive from timers, so none falls in between.
    shell.monitor.seed(waiting);
    shell.cleanups.push(shell.monitor.follow(o.keel.events));
    // Paused or resumed from the console: the tray follows at once, not at the next health check.
    shell.cleanups.push(o.keel.events.subscribe((event) => {
      if (event === 'intake.changed') void shell.probe();
    }));
    if (o.hooks.tunnel) shell.cleanups.push(o.hooks.tunnel.watch((tunnel) => shell.tray.update({ tunnel })));
    shell.scheduleProbe(0);
    return shell;
  }

  get attentionCount(): number {
    return this.monitor.count;
  }

  /** Quit was asked for: the tray says so and offers nothing more; no new notifications start. */
  setQuitting(): void {
    this.quitting = true;
    this.batcher.dispose();
    this.tray.update({ quitting: true });
  }

  /** The window was closed: the first time, say that Keel lives on in the tray (or it looks like it quit). */
  windowClosed(): void {
    if (this.quitting || this.stopped || this.toldStillRunning) return;
    this.toldStillRunning = true;
    this.o.notify(
      'Keel is still running',
      'It keeps receiving webhooks and running workflows. Open it again from the tray icon, or by launching Keel.',
      () => this.o.open(),
    );
  }

  /** Tears everything down (before Keel stops). Idempotent. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    this.batcher.dispose();
    this.cancelProbe();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.tray.destroy();
  }

  /** Runs a tray command; failures are logged and told, never thrown into the menu's click handler. */
  async command(command: TrayCommand): Promise<void> {
    if (this.stopped) return;
    try {
      switch (command) {
        case 'open':
          return this.o.open();
        case 'open-attention':
          return this.o.open(RUNS_ROUTE);
        case 'quit':
          return this.o.quit();
        case 'pause-intake':
        case 'resume-intake':
          return await this.setIntakePaused(command === 'pause-intake');
        case 'toggle-start-at-login':
          return this.toggleStartAtLogin();
      }
    } catch (error) {
      this.o.keel.logger.error(`tray command ${command} failed`, error);
      this.o.notify('Keel could not do that', `${(error as Error)?.message ?? error}`);
    }
  }

  private async setIntakePaused(paused: boolean): Promise<void> {
    const intake = this.o.hooks.intake;
    if (!intake) return;
    await (paused ? intake.pause() : intake.resume());
    this.tray.update({ intake: intake.paused ? 'paused' : 'receiving' });
    if (!paused) await this.probe();
  }

  /** Start at login was changed elsewhere (the console): show what the OS now has. */
  refreshStartAtLogin(): void {
    if (!this.stopped) this.tray.update({ startAtLogin: this.readStartAtLogin() });
  }

  private toggleStartAtLogin(): void {
    const { host, launcher } = this.o.login;
    const current = startAtLogin(host, launcher);
    if (current === null) return;
    setStartAtLogin(!current, host, launcher);
    this.tray.update({ startAtLogin: this.readStartAtLogin() });
  }

  private readStartAtLogin(): boolean | null {
    try {
      return startAtLogin(this.o.login.host, this.o.login.launcher);
    } catch (error) {
      this.o.keel.logger.warn(`could not read the start-at-login setting: ${(error as Error).message}`);
      return null;
    }
  }

  private async probe(): Promise<void> {
    if (this.o.hooks.intake?.paused) {
      this.tray.update({ intake: 'paused' });
      return;
    }
    const answers = await intakeAnswers(this.o.keel.info.intakeUrl, this.o.fetch);
    if (!this.stopped) this.tray.update({ intake: answers ? 'receiving' : 'down' });
  }

  private scheduleProbe(delayMs: number): void {
    if (this.stopped) return;
    this.cancelProbe = this.scheduler.setTimeout(() => {
      void this.probe().finally(() => this.scheduleProbe(this.o.probeEveryMs ?? 15_000));
    }, delayMs);
  }
}
