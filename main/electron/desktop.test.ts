import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../preload/api';
import { ConsoleEventHub } from '../console/events';
import type { AttentionNotice } from './attention-batcher';
import type { IntakeSwitch, TunnelState, TunnelWatch } from './core-hooks';
import { DesktopShell, type DesktopOptions, type TrayPort } from './desktop';
import { FakeScheduler } from './fake-scheduler';
import type { FetchLike } from './intake-probe';
import { autostartFile, launcherFor } from './login-item';
import { runSummary } from './test-runs';
import { initialHealth, type ShellHealth, type TrayCommand } from './tray-state';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

/** Lets promise continuations run (the intake probe awaits its fetch); no time passes. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

class FakeTray implements TrayPort {
  health: ShellHealth;
  destroyed = false;
  usedAfterDestroy = false;
  constructor(readonly onCommand: (command: TrayCommand) => void, initial: Partial<ShellHealth>) {
    this.health = { ...initialHealth, ...initial };
  }
  update(change: Partial<ShellHealth>): void {
    if (this.destroyed) this.usedAfterDestroy = true;
    this.health = { ...this.health, ...change };
  }
  destroy(): void {
    this.destroyed = true;
  }
}

class FakeIntake implements IntakeSwitch {
  paused = false;
  failWith: Error | undefined;
  pause() {
    if (this.failWith) throw this.failWith;
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
}

class FakeTunnel implements TunnelWatch {
  state: TunnelState = { up: true, publicUrl: 'https://keel.lt.example' };
  readonly listeners = new Set<(s: TunnelState) => void>();
  current() {
    return this.state;
  }
  watch(listener: (s: TunnelState) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  set(state: TunnelState) {
    this.state = state;
    for (const l of this.listeners) l(state);
  }
}

async function setup(o: { waiting?: RunSummary[]; hooks?: DesktopOptions['hooks']; intakeUp?: boolean } = {}) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-desktop-'));
  dirs.push(home);
  const clock = new FakeScheduler();
  const events = new ConsoleEventHub();
  const log: string[] = [];
  const notices: AttentionNotice[][] = [];
  const notes: string[] = [];
  const opened: (string | undefined)[] = [];
  let intakeUp = o.intakeUp ?? true;
  const fetch: FetchLike = async () => (intakeUp ? { status: 200, json: async () => ({ ok: true }) } : Promise.reject(new Error('ECONNREFUSED')));
  let tray!: FakeTray;
  const launcher = launcherFor({ platform: 'linux', execPath: '/opt/Keel/keel', argv: [], defaultApp: false, env: {}, home });
  const shell = await DesktopShell.start({
    keel: {
      handlers: { listRuns: () => o.waiting ?? [] },
      events,
      info: { intakeUrl: 'http://127.0.0.1:1/hooks/' },
      logger: { warn: (m) => log.push(`warn: ${m}`), error: (m, e) => log.push(`error: ${m}: ${(e as Error)?.message}`) },
    },
    hooks: o.hooks ?? {},
    createTray: (onCommand, initial) => (tray = new FakeTray(onCommand, initial)),
    notifyAttention: (batch) => notices.push(batch),
    notify: (title, body) => notes.push(`${title}: ${body}`),
    open: (route) => opened.push(route),
    quit: () => log.push('quit'),
    login: { host: { setLoginItemSettings: () => {}, getLoginItemSettings: () => ({ openAtLogin: false }) }, launcher },
    scheduler: clock,
    fetch,
  });
  await settle();
  const setIntakeUp = (up: boolean) => (intakeUp = up);
  return { shell, tray, clock, events, log, notices, notes, opened, launcher, setIntakeUp };
}

describe('the desktop shell while Keel runs', () => {
  it('starts the tray with what Keel already knows: runs waiting, intake answering, what can be controlled', async () => {
    const intake = new FakeIntake();
    const tunnel = new FakeTunnel();
    const { tray, notices } = await setup({ waiting: [runSummary('a'), runSummary('b')], hooks: { intake, tunnel } });
    expect(tray.health).toEqual({ ...initialHealth, intake: 'receiving', canPauseIntake: true, tunnel: tunnel.state, attention: 2, startAtLogin: false });
    expect(notices).toEqual([]);
  });

  it('counts and notifies runs as they come to need attention', async () => {
    const { tray, events, clock, notices } = await setup();
    events.emit('run.changed', runSummary('a', { status: 'running' }));
    events.emit('run.changed', runSummary('a'));
    expect(tray.health.attention).toBe(1);
    clock.advance(3000);
    expect(notices).toEqual([[{ kind: 'run', run: runSummary('a') }]]);
    events.emit('run.changed', runSummary('a', { status: 'completed' }));
    expect(tray.health.attention).toBe(0);
  });

  it('shows the intake as down while it does not answer, and up again when it does', async () => {
    const { tray, clock, setIntakeUp } = await setup();
    expect(tray.health.intake).toBe('receiving');
    setIntakeUp(false);
    clock.advance(15_000);
    await settle();
    expect(tray.health.intake).toBe('down');
    setIntakeUp(true);
    clock.advance(15_000);
    await settle();
    expect(tray.health.intake).toBe('receiving');
  });

  it('pauses and resumes the intake from the tray, and a paused intake stays paused between checks', async () => {
    const intake = new FakeIntake();
    const { shell, tray, clock } = await setup({ hooks: { intake } });
    await shell.command('pause-intake');
    expect(intake.paused).toBe(true);
    expect(tray.health.intake).toBe('paused');
    clock.advance(15_000);
    await settle();
    expect(tray.health.intake).toBe('paused');
    await shell.command('resume-intake');
    expect(intake.paused).toBe(false);
    expect(tray.health.intake).toBe('receiving');
  });

  it('follows a pause and a resume made in the console at once, without waiting for the next check', async () => {
    const intake = new FakeIntake();
    const { tray, events } = await setup({ hooks: { intake } });
    intake.paused = true;
    events.emit('intake.changed', { paused: true, since: 1, who: 'Dana', why: 'maintenance', retryAfterSeconds: 60 });
    await settle();
    expect(tray.health.intake).toBe('paused');
    intake.paused = false;
    events.emit('intake.changed', { paused: false, since: null, who: null, why: null, retryAfterSeconds: 60 });
    await settle();
    expect(tray.health.intake).toBe('receiving');
  });

  it('shows start at login as the OS has it after the console changed it', async () => {
    const { shell, tray, launcher } = await setup();
    fs.mkdirSync(launcher.autostartDir, { recursive: true });
    fs.writeFileSync(autostartFile(launcher), '[Desktop Entry]\n');
    expect(tray.health.startAtLogin).toBe(false);
    shell.refreshStartAtLogin();
    expect(tray.health.startAtLogin).toBe(true);
  });

  it('follows the tunnel', async () => {
    const tunnel = new FakeTunnel();
    const { tray } = await setup({ hooks: { tunnel } });
    tunnel.set({ up: false, publicUrl: null });
    expect(tray.health.tunnel).toEqual({ up: false, publicUrl: null });
  });

  it('opens the window, the runs needing attention, and quits from the tray', async () => {
    const { tray, opened, log } = await setup();
    tray.onCommand('open');
    tray.onCommand('open-attention');
    tray.onCommand('quit');
    await settle();
    expect(opened).toEqual([undefined, '#/runs']);
    expect(log).toEqual(['quit']);
  });

  it('turns start at login on and off, reading the result back from the OS', async () => {
    const { shell, tray, launcher } = await setup();
    await shell.command('toggle-start-at-login');
    expect(tray.health.startAtLogin).toBe(true);
    expect(fs.existsSync(autostartFile(launcher))).toBe(true);
    await shell.command('toggle-start-at-login');
    expect(tray.health.startAtLogin).toBe(false);
    expect(fs.existsSync(autostartFile(launcher))).toBe(false);
  });

  it('logs and tells a command that failed, instead of throwing into the menu', async () => {
    const intake = new FakeIntake();
    intake.failWith = new Error('the intake is closing');
    const { shell, tray, log, notes } = await setup({ hooks: { intake } });
    await expect(shell.command('pause-intake')).resolves.toBeUndefined();
    expect(tray.health.intake).toBe('receiving');
    expect(log).toEqual(['error: tray command pause-intake failed: the intake is closing']);
    expect(notes).toEqual(['Keel could not do that: the intake is closing']);
  });

  it('says once that Keel keeps running when its window is closed', async () => {
    const { shell, notes } = await setup();
    shell.windowClosed();
    shell.windowClosed();
    expect(notes).toEqual(['Keel is still running: It keeps receiving webhooks and running workflows. Open it again from the tray icon, or by launching Keel.']);
  });
});

describe('the desktop shell while Keel quits', () => {
  it('says it is quitting, and starts no notification for runs changing during the drain', async () => {
    const { shell, tray, events, clock, notices, notes } = await setup();
    events.emit('run.changed', runSummary('a'));
    shell.setQuitting();
    events.emit('run.changed', runSummary('b'));
    clock.advance(10_000);
    shell.windowClosed();
    expect(tray.health.quitting).toBe(true);
    expect(notices).toEqual([]);
    expect(notes).toEqual([]);
  });

  it('tears everything down once: tray gone, events and checks stopped', async () => {
    const { shell, tray, events, clock, opened } = await setup();
    shell.stop();
    shell.stop();
    expect(tray.destroyed).toBe(true);
    expect(clock.pending).toBe(0);
    events.emit('run.changed', runSummary('a'));
    await shell.command('open');
    expect(tray.usedAfterDestroy).toBe(false);
    expect(opened).toEqual([]);
  });
});
