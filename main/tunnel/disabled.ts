/** "No tunnel": deliveries reach the intake only from this computer's network. Not an error, a choice. */
import type { Tunnel, TunnelStatus } from './tunnel';

export function disabledTunnel(now: () => number = Date.now): Tunnel {
  const status: TunnelStatus = {
    provider: 'none', state: 'down', publicUrl: null, failures: 0, nextAttemptAt: null, since: now(),
    reason: 'no tunnel is chosen: providers on the internet cannot reach this computer (choose one in Settings)',
  };
  return {
    provider: 'none',
    start: () => {},
    stop: async () => {},
    status: () => status,
    onTransition: () => () => {},
    publicUrlFor: () => null,
  };
}
