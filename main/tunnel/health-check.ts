/**
 * Asks the intake's health check through a public URL: the one proof that a provider on the internet can
 * reach this computer. Used for the manual provider (the user's own reverse proxy), where nothing else tells
 * Keel whether the proxy points at the right place.
 */
import { describeTunnelError, tunnelFailure } from './failure';

/** The part of `fetch` the tunnel uses; tests pass a stand-in. */
export type FetchLike = (url: string, init: { signal: AbortSignal; headers: Record<string, string>; redirect?: 'manual' | 'follow' }) => Promise<{
  status: number;
  text(): Promise<string>;
}>;

/** Resolves when `<publicUrl>/hooks/healthz` answers 200 `{"ok":true}`; otherwise rejects with what went wrong. */
export async function checkIntakeHealth(publicUrl: string, signal: AbortSignal, fetchImpl: FetchLike = fetch): Promise<void> {
  const url = `${publicUrl.replace(/\/+$/, '')}/hooks/healthz`;
  let response;
  try {
    // A redirect is a failure, not something to follow: providers post webhooks without following redirects.
    response = await fetchImpl(url, { signal, headers: { 'user-agent': 'Keel tunnel check' }, redirect: 'manual' });
  } catch (error) {
    throw tunnelFailure(`could not reach ${url}: ${describeTunnelError(signal.aborted ? signal.reason : error)}`, { cause: error });
  }
  const body = await response.text().catch(() => '');
  if (response.status === 200 && isHealthy(body)) return;
  const hint = response.status === 200
    ? 'something answered, but not Keel\'s intake'
    : response.status >= 300 && response.status < 400
      ? 'it redirects; point the proxy straight at the intake'
      : 'is the proxy forwarding to Keel\'s intake port?';
  throw tunnelFailure(`${url} answered ${response.status}: ${hint}`);
}

function isHealthy(body: string): boolean {
  try {
    return (JSON.parse(body) as { ok?: unknown }).ok === true;
  } catch {
    return false;
  }
}
