import { describe, expect, it } from 'vitest';
import { initialHealth, trayView, type ShellHealth, type TrayMenuEntry } from './tray-state';

const view = (change: Partial<ShellHealth> = {}) => trayView({ ...initialHealth, ...change });
const labels = (menu: TrayMenuEntry[]) => menu.map((e) => (e.kind === 'separator' ? '---' : e.kind === 'toggle' ? `[${e.checked ? 'x' : ' '}] ${e.label}` : e.label));
const commands = (menu: TrayMenuEntry[]) => menu.flatMap((e) => (e.kind === 'command' || e.kind === 'toggle' ? [e.command] : []));

describe('the tray', () => {
  it('when all is well: receiving, nothing waiting, Open and Quit', () => {
    const v = view();
    expect(v.icon).toBe('ok');
    expect(v.tooltip).toBe('Keel: receiving webhooks');
    expect(labels(v.menu)).toEqual(['Receiving webhooks', 'No runs need attention', '---', 'Open Keel', '---', 'Quit Keel']);
  });

  it('counts runs needing attention, in the icon, the tooltip and a menu entry that opens them', () => {
    const one = view({ attention: 1 });
    expect(one.icon).toBe('attention');
    expect(one.tooltip).toBe('Keel: receiving webhooks, 1 run needs attention');
    const many = view({ attention: 5 });
    expect(many.menu).toContainEqual({ kind: 'command', command: 'open-attention', label: '5 runs need attention…', enabled: true });
  });

  it('offers Pause intake only where the core can pause it, and Resume while paused', () => {
    expect(commands(view().menu)).toEqual(['open', 'quit']);
    expect(commands(view({ canPauseIntake: true }).menu)).toEqual(['open', 'pause-intake', 'quit']);
    const paused = view({ canPauseIntake: true, intake: 'paused' });
    expect(commands(paused.menu)).toEqual(['open', 'resume-intake', 'quit']);
    expect(paused.icon).toBe('paused');
    expect(paused.tooltip).toBe('Keel: intake paused');
    expect(labels(paused.menu)[0]).toBe('Intake paused: senders are asked to retry later');
  });

  it('shows the tunnel only when one exists, and a tunnel down as trouble', () => {
    expect(labels(view({ tunnel: { up: true, publicUrl: 'https://keel-ops.lt.example' } }).menu)[1]).toBe('Tunnel up: https://keel-ops.lt.example');
    const down = view({ tunnel: { up: false, publicUrl: null } });
    expect(down.icon).toBe('down');
    expect(down.tooltip).toBe('Keel: receiving webhooks, tunnel down');
    expect(labels(down.menu)[1]).toBe('Tunnel down');
  });

  it('puts webhooks not getting in before runs waiting, and runs waiting before a deliberate pause', () => {
    expect(view({ intake: 'down', attention: 3 }).icon).toBe('down');
    expect(view({ intake: 'paused', attention: 3 }).icon).toBe('attention');
    const down = view({ intake: 'down', canPauseIntake: true });
    expect(labels(down.menu)[0]).toBe('Intake is not answering');
    expect(commands(down.menu)).toEqual(['open', 'quit']); // nothing to pause
  });

  it('offers start at login as a checkbox where it can be set', () => {
    expect(labels(view({ startAtLogin: false }).menu)).toContain('[ ] Start Keel at login');
    expect(labels(view({ startAtLogin: true }).menu)).toContain('[x] Start Keel at login');
    expect(commands(view({ startAtLogin: null }).menu)).not.toContain('toggle-start-at-login');
  });

  it('while quitting, says so and offers nothing', () => {
    const v = view({ quitting: true, attention: 2, canPauseIntake: true, startAtLogin: true });
    expect(labels(v.menu)[0]).toBe('Quitting: finishing work in flight…');
    expect(v.tooltip).toBe('Keel: quitting, 2 runs need attention');
    expect(v.menu.every((e) => !('enabled' in e) || e.enabled === false)).toBe(true);
  });

  it('keeps the tooltip within what Windows shows (127 characters)', () => {
    const worst = view({ intake: 'down', tunnel: { up: false, publicUrl: null }, attention: 123_456, quitting: true });
    expect(worst.tooltip.length).toBeLessThanOrEqual(127);
  });
});
