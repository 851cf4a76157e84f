/**
 * localtunnel: a public server (localtunnel.me by default, or the user's own localtunnel-server) gives this
 * computer a subdomain. The protocol is two steps: claim a subdomain over HTTP (`GET <host>/<subdomain>`),
 * which answers a TCP port; then keep a pool of connections open to that port (localtunnel-sockets.ts).
 *
 * Keel speaks the protocol itself instead of using the `localtunnel` client package, because that client
 * retries the claim every second, forever, with no way to cancel it (not even `close()`): a laptop that is
 * offline would spin in it, and an abandoned attempt could still claim the subdomain later. Here the claim is
 * one request with the supervisor's signal, and retrying is the supervisor's backoff.
 */
import { randomBytes } from 'node:crypto';
import { describeTunnelError, tunnelFailure } from './failure';
import type { FetchLike } from './health-check';
import { SocketPool } from './localtunnel-sockets';
import type { TunnelProvider } from './provider';

export const LOCALTUNNEL_DEFAULT_HOST = 'https://localtunnel.me';
/** The rule localtunnel-server applies to subdomains. */
const SUBDOMAIN = /^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/;
/** Connections per tunnel; localtunnel-server allows 10. */
const MAX_SOCKETS = 10;

export interface LocaltunnelOptions {
  /** The tunnel server, for self-hosted ones. @default 'https://localtunnel.me' */
  host?: string;
  /** The subdomain to ask for; without one the server picks one (kept across reconnects while Keel runs). */
  subdomain?: string;
  fetch?: FetchLike;
}

interface Claim {
  id: string;
  port: number;
  url: string;
  max_conn_count?: number;
  ip?: string;
}

export function localtunnelProvider(o: LocaltunnelOptions): TunnelProvider {
  const host = (o.host ?? LOCALTUNNEL_DEFAULT_HOST).replace(/\/+$/, '');
  const fetchImpl = o.fetch ?? fetch;
  // Lets this Keel take its subdomain back after a drop the server has not noticed yet (a laptop that
  // slept): localtunnel-server hands an id that is still in use to whoever proves the same token.
  const reclaimToken = randomBytes(16).toString('hex');
  let lastId: string | undefined;

  return {
    id: 'localtunnel',
    async open({ intakePort, signal, events }) {
      if (o.subdomain !== undefined && !SUBDOMAIN.test(o.subdomain)) {
        throw tunnelFailure(`"${o.subdomain}" cannot be a localtunnel subdomain: use 4 to 63 lower-case letters, digits and dashes`, { permanent: true });
      }
      const wanted = o.subdomain ?? lastId;
      const claim = await claimSubdomain(host, wanted, reclaimToken, signal, fetchImpl);
      lastId = claim.id;
      const pool = new SocketPool({
        remoteHost: claim.ip ?? new URL(host).hostname,
        remotePort: claim.port,
        intakePort,
        size: Math.max(1, Math.min(MAX_SOCKETS, claim.max_conn_count ?? 1)),
        onDead: (reason) => events.dropped(reason),
      });
      await pool.open(signal);
      const note = o.subdomain && claim.id !== o.subdomain
        ? `the subdomain "${o.subdomain}" is taken, so the server gave "${claim.id}": providers pointed at the old URL cannot reach Keel`
        : null;
      return {
        url: claim.url,
        note,
        check: (checkSignal) => checkClaim(host, claim.id, checkSignal, fetchImpl),
        close: async () => pool.close(),
      };
    },
  };
}

async function claimSubdomain(host: string, wanted: string | undefined, token: string, signal: AbortSignal, fetchImpl: FetchLike): Promise<Claim> {
  const url = new URL(wanted ? `${host}/${wanted}` : `${host}/`);
  if (!wanted) url.searchParams.set('new', '');
  url.searchParams.set('secret_token', token);
  const shown = `${host}/${wanted ?? '?new'}`; // the token stays out of messages
  let status: number;
  let text: string;
  try {
    const response = await fetchImpl(url.toString(), { signal, headers: { accept: 'application/json' } });
    status = response.status;
    text = await response.text();
  } catch (error) {
    throw tunnelFailure(`could not reach the localtunnel server ${host}: ${describeTunnelError(signal.aborted ? signal.reason : error)}`, { cause: error });
  }
  const body = parseJson(text);
  if (status !== 200) {
    const message = typeof body?.message === 'string' ? body.message : `HTTP ${status}`;
    // 403 is the server refusing the subdomain itself: asking again will not change its mind.
    throw tunnelFailure(`the localtunnel server refused ${shown}: ${message}`, { permanent: status === 403 });
  }
  if (!body || typeof body.id !== 'string' || typeof body.port !== 'number' || typeof body.url !== 'string') {
    throw tunnelFailure(`${host} did not answer like a localtunnel server (expected id, port and url)`);
  }
  return body as unknown as Claim;
}

/** The server forgets a client whose connections all closed; asking it is how a silent drop is noticed. */
async function checkClaim(host: string, id: string, signal: AbortSignal, fetchImpl: FetchLike): Promise<void> {
  const response = await fetchImpl(`${host}/api/tunnels/${encodeURIComponent(id)}/status`, { signal, headers: { accept: 'application/json' } });
  await response.text().catch(() => '');
  if (response.status === 404) throw new Error(`the localtunnel server no longer knows the tunnel "${id}"`);
  if (response.status !== 200) throw new Error(`the localtunnel server answered ${response.status} about the tunnel "${id}"`);
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
