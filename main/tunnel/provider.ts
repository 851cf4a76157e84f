/**
 * What a tunnel provider implements: open one session to the public side, forwarding to the intake port.
 * Providers do not retry or wait: the supervisor (supervisor.ts) owns reconnecting, backoff, timeouts and
 * status, the same way connectors classify and the engine retries.
 */
import type { TunnelClock } from './clock';
import type { TunnelProviderId } from './tunnel';

/** How an open session tells the supervisor that something happened after it was opened. */
export interface SessionEvents {
  /** The session is gone for good (server closed, process exited): the supervisor closes it and reconnects. */
  dropped(reason: string): void;
  /**
   * The session lost its connection but the provider reconnects by itself (ngrok's agent does): the tunnel
   * reports `down` until `restored`, without starting an attempt of its own.
   */
  interrupted(reason: string): void;
  restored(): void;
}

export interface OpenContext {
  /** The only local port the session may forward to. */
  intakePort: number;
  /**
   * Aborted when the attempt times out or the tunnel stops. The provider must then release whatever it
   * half-opened and settle promptly (rejecting is fine): `stop()` waits for it.
   */
  signal: AbortSignal;
  /** Events of the session this attempt opens; calls after the session was replaced or closed are ignored. */
  events: SessionEvents;
  clock: TunnelClock;
}

export interface TunnelSession {
  /** The public base URL, e.g. `https://abc.trycloudflare.com` (a trailing slash is trimmed). */
  readonly url: string;
  /** A caveat the console shows while the tunnel is up; never a secret. */
  readonly note?: string | null;
  /**
   * A cheap liveness check run every `checkIntervalMs` while up; rejecting counts as a drop. For providers
   * whose connection can die silently (a laptop that slept holds TCP sockets the server forgot long ago).
   */
  check?(signal: AbortSignal): Promise<void>;
  /** Releases everything the session holds. May be called once; rejections are reported, not retried. */
  close(): Promise<void>;
}

export interface TunnelProvider {
  readonly id: TunnelProviderId;
  /**
   * Opens one session. Throw `tunnelFailure(message, { permanent: true })` when retrying cannot help; any
   * other rejection is retried with backoff. The message is shown to the user as is: no secrets in it.
   */
  open(context: OpenContext): Promise<TunnelSession>;
}
