/**
 * The tunnel: how a provider on the internet reaches the intake on this computer. One interface, several
 * providers (ngrok, localtunnel, cloudflared, the user's own reverse proxy), chosen in settings. Whatever the
 * provider, only the intake's port is forwarded: the console API never sits behind a tunnel.
 */

export type TunnelProviderId = 'none' | 'ngrok' | 'localtunnel' | 'cloudflared' | 'manual';

/**
 * - `down`: not reachable. Not started, stopped, or dropped and waiting for the next attempt (`nextAttemptAt`).
 * - `connecting`: an attempt is in flight.
 * - `up`: reachable at `publicUrl`.
 * - `error`: retrying cannot help (no authtoken, binary not installed, a setting the server refuses); the
 *   tunnel waits for the user to change something and a new tunnel to be started.
 */
export type TunnelState = 'down' | 'connecting' | 'up' | 'error';

export interface TunnelStatus {
  provider: TunnelProviderId;
  state: TunnelState;
  /** Public base URL without a trailing slash (`https://abc.ngrok.app`); set only while `up`. */
  publicUrl: string | null;
  /**
   * Why the tunnel is in this state, in words for the console: the cause while `down` or `error`; a caveat
   * while `up` (a subdomain that was taken, a manual URL nobody checked); null when there is nothing to say.
   * Never contains a secret.
   */
  reason: string | null;
  /** When this state began (ms since the epoch, from the tunnel's clock). */
  since: number;
  /** Attempts that failed since the tunnel was last steadily up; the console shows "retry n". */
  failures: number;
  /** When the next attempt is due, while `down` and retrying; otherwise null. */
  nextAttemptAt: number | null;
}

export interface TunnelTransition {
  from: TunnelStatus;
  to: TunnelStatus;
}

/**
 * Listeners are called synchronously on every status change, in order. A listener that throws does not stop
 * the tunnel or the other listeners; its error goes to the tunnel's `onListenerError`.
 */
export type TunnelListener = (transition: TunnelTransition) => void;

export interface Tunnel {
  readonly provider: TunnelProviderId;
  /** Begins connecting and keeps the tunnel up until `stop`. Returns at once; watch `onTransition`. Idempotent. */
  start(): void;
  /** Closes the tunnel and cancels pending attempts; resolves when the provider has let go. Idempotent. */
  stop(): Promise<void>;
  status(): TunnelStatus;
  /** Subscribes to status changes; returns the unsubscribe function. */
  onTransition(listener: TunnelListener): () => void;
  /** The full public URL of an endpoint (`<publicUrl>/hooks/<slug>`), or null while the tunnel is not up. */
  publicUrlFor(slug: string): string | null;
}

/**
 * The transitions worth a ledger entry: the tunnel became reachable, stopped being reachable, or failed for
 * good. `down -> connecting -> down` while retrying during an outage is not news and stays out of the ledger.
 */
export function isUpDownTransition(t: TunnelTransition): boolean {
  const wasUp = t.from.state === 'up';
  const isUp = t.to.state === 'up';
  if (wasUp !== isUp) return true;
  if (isUp && t.from.publicUrl !== t.to.publicUrl) return true; // still up, but providers must be told the new URL
  return t.to.state === 'error' && t.from.state !== 'error';
}

export function endpointUrl(publicUrl: string, slug: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/hooks/${encodeURIComponent(slug)}`;
}
