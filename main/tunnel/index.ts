/**
 * The tunnel, built from the user's settings. The composition root calls `createTunnel` once the intake
 * listens (the port is only known then), starts it, and builds a new one when the settings change.
 */
import type { ReconnectPolicy } from './backoff';
import type { TunnelClock } from './clock';
import { cloudflaredProvider } from './cloudflared';
import { disabledTunnel } from './disabled';
import type { FetchLike } from './health-check';
import { localtunnelProvider } from './localtunnel';
import { manualProvider } from './manual';
import { ngrokProvider, type NgrokForward } from './ngrok';
import type { TunnelProvider } from './provider';
import type { TunnelSettings } from './settings';
import { TunnelSupervisor } from './supervisor';
import type { Tunnel } from './tunnel';

export { isUpDownTransition, endpointUrl, type Tunnel, type TunnelListener, type TunnelProviderId, type TunnelState, type TunnelStatus, type TunnelTransition } from './tunnel';
export { tunnelSettingsSchema, defaultTunnelSettings, type TunnelSettings, type TunnelSettingsInput } from './settings';
export { defaultReconnectPolicy, type ReconnectPolicy } from './backoff';
export { systemClock, type TunnelClock } from './clock';
export { findCloudflared } from './cloudflared';
export { TunnelSupervisor } from './supervisor';
export type { TunnelProvider, TunnelSession, OpenContext, SessionEvents } from './provider';

export interface CreateTunnelOptions {
  settings: TunnelSettings;
  /** The intake's port: the only port any provider forwards to. */
  intakePort: number;
  /** Reads a secret from the vault (the ngrok authtoken); null when it is not set. */
  getSecret: (name: string) => Promise<string | null>;
  /** Receives errors from transition listeners and from closing a session. @default console.error */
  onError?: (message: string, error: unknown) => void;
  clock?: TunnelClock;
  policy?: Partial<ReconnectPolicy>;
  /** Test seams: ngrok's SDK, fetch, and the environment cloudflared is looked up and run in. */
  ngrokForward?: NgrokForward;
  fetch?: FetchLike;
  env?: NodeJS.ProcessEnv;
}

export function createTunnel(o: CreateTunnelOptions): Tunnel {
  const provider = providerFor(o);
  if (!provider) return disabledTunnel(o.clock?.now);
  return new TunnelSupervisor({
    provider, intakePort: o.intakePort,
    ...(o.clock && { clock: o.clock }), ...(o.policy && { policy: o.policy }), ...(o.onError && { onError: o.onError }),
  });
}

function providerFor(o: CreateTunnelOptions): TunnelProvider | null {
  const s = o.settings;
  switch (s.provider) {
    case 'none':
      return null;
    case 'ngrok':
      return ngrokProvider({ getSecret: o.getSecret, authtokenSecret: s.authtokenSecret, ...(s.domain && { domain: s.domain }), ...(o.ngrokForward && { forward: o.ngrokForward }) });
    case 'localtunnel':
      return localtunnelProvider({ host: s.host, ...(s.subdomain && { subdomain: s.subdomain }), ...(o.fetch && { fetch: o.fetch }) });
    case 'cloudflared':
      return cloudflaredProvider({ binary: s.binary, ...(o.env && { env: o.env }) });
    case 'manual':
      return manualProvider({ publicUrl: s.publicUrl, verify: s.verify, ...(o.fetch && { fetch: o.fetch }) });
  }
}
