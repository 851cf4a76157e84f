/**
 * The tray's view of the tunnel: the core's tunnel control for the state now, its `tunnel.changed` console
 * events for every change. No tunnel configured (provider `none`) shows no tunnel line at all.
 */
import type { TunnelStatusView, TunnelView } from '../../preload/api';
import type { ConsoleEventHub } from '../console/events';
import type { TunnelState, TunnelWatch } from './core-hooks';

export function trayTunnel(status: TunnelStatusView): TunnelState | null {
  if (status.provider === 'none') return null;
  const up = status.state === 'up';
  return { up, publicUrl: up ? status.publicUrl : null };
}

export function tunnelWatch(tunnel: { view(): Pick<TunnelView, 'status'> }, events: Pick<ConsoleEventHub, 'subscribe'>): TunnelWatch {
  return {
    current: () => trayTunnel(tunnel.view().status),
    watch: (listener) => events.subscribe((event, payload) => {
      if (event === 'tunnel.changed') listener(trayTunnel(payload as TunnelStatusView));
    }),
  };
}
