/**
 * The tray as a function of Keel's health: which icon, what tooltip, which menu. Pure, so every state is
 * tested under Node; `tray.ts` only draws the result.
 */
import type { TunnelState } from './core-hooks';

export interface ShellHealth {
  /** `receiving`: the intake answered its health check; `down`: it did not; `paused`: the operator paused it. */
  intake: 'receiving' | 'paused' | 'down';
  /** Whether the core lets the intake be paused (see core-hooks.ts). */
  canPauseIntake: boolean;
  /** Null when no tunnel is configured: the intake is then reachable from this machine only. */
  tunnel: TunnelState | null;
  /** Runs in needs_attention. */
  attention: number;
  /** Whether Keel starts at login; null where the shell cannot tell or set it. */
  startAtLogin: boolean | null;
  /** Quit was requested: Keel is finishing work in flight. */
  quitting: boolean;
}

export type TrayIcon = 'ok' | 'attention' | 'paused' | 'down';
export type TrayCommand = 'open' | 'open-attention' | 'pause-intake' | 'resume-intake' | 'toggle-start-at-login' | 'quit';

export type TrayMenuEntry =
  | { kind: 'status'; label: string }
  | { kind: 'separator' }
  | { kind: 'command'; command: TrayCommand; label: string; enabled: boolean }
  | { kind: 'toggle'; command: TrayCommand; label: string; checked: boolean; enabled: boolean };

export interface TrayView {
  icon: TrayIcon;
  tooltip: string;
  menu: TrayMenuEntry[];
}

export const initialHealth: ShellHealth = {
  intake: 'receiving', canPauseIntake: false, tunnel: null, attention: 0, startAtLogin: null, quitting: false,
};

function runsNeedAttention(count: number): string {
  if (count === 0) return 'No runs need attention';
  return count === 1 ? '1 run needs attention' : `${count} runs need attention`;
}

const INTAKE_LINE: Record<ShellHealth['intake'], string> = {
  receiving: 'Receiving webhooks',
  paused: 'Intake paused: senders are asked to retry later',
  down: 'Intake is not answering',
};
const INTAKE_SHORT: Record<ShellHealth['intake'], string> = {
  receiving: 'receiving webhooks',
  paused: 'intake paused',
  down: 'intake not answering',
};

/**
 * The icon shows the most urgent thing: webhooks not getting in (intake or tunnel down) before runs waiting
 * for someone, before a deliberate pause.
 */
function iconFor(h: ShellHealth): TrayIcon {
  if (h.intake === 'down' || (h.tunnel !== null && !h.tunnel.up)) return 'down';
  if (h.attention > 0) return 'attention';
  if (h.intake === 'paused') return 'paused';
  return 'ok';
}

function tooltipFor(h: ShellHealth): string {
  const parts = [h.quitting ? 'quitting' : INTAKE_SHORT[h.intake]];
  if (h.tunnel) parts.push(h.tunnel.up ? 'tunnel up' : 'tunnel down');
  if (h.attention > 0) parts.push(runsNeedAttention(h.attention).toLowerCase());
  // Windows truncates tray tooltips at 127 characters; this stays well under.
  return `Keel: ${parts.join(', ')}`;
}

export function trayView(h: ShellHealth): TrayView {
  const live = !h.quitting;
  const menu: TrayMenuEntry[] = [];
  if (h.quitting) menu.push({ kind: 'status', label: 'Quitting: finishing work in flight…' });
  menu.push({ kind: 'status', label: INTAKE_LINE[h.intake] });
  if (h.tunnel) menu.push({ kind: 'status', label: h.tunnel.up ? `Tunnel up${h.tunnel.publicUrl ? `: ${h.tunnel.publicUrl}` : ''}` : 'Tunnel down' });
  if (h.attention > 0) {
    menu.push({ kind: 'command', command: 'open-attention', label: `${runsNeedAttention(h.attention)}…`, enabled: live });
  } else {
    menu.push({ kind: 'status', label: runsNeedAttention(0) });
  }
  menu.push({ kind: 'separator' }, { kind: 'command', command: 'open', label: 'Open Keel', enabled: live });
  if (h.canPauseIntake && h.intake !== 'down') {
    menu.push(
      h.intake === 'paused'
        ? { kind: 'command', command: 'resume-intake', label: 'Resume intake', enabled: live }
        : { kind: 'command', command: 'pause-intake', label: 'Pause intake', enabled: live },
    );
  }
  if (h.startAtLogin !== null) {
    menu.push({ kind: 'toggle', command: 'toggle-start-at-login', label: 'Start Keel at login', checked: h.startAtLogin, enabled: live });
  }
  menu.push({ kind: 'separator' }, { kind: 'command', command: 'quit', label: 'Quit Keel', enabled: live });
  return { icon: iconFor(h), tooltip: tooltipFor(h), menu };
}
