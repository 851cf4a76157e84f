/** Waiting on a tunnel without sleeping: resolve on the transition that matters. */
import type { Tunnel, TunnelState, TunnelStatus } from '../tunnel';

/** Resolves with the first status (the current one included) that satisfies `predicate`. */
export function waitForStatus(tunnel: Tunnel, predicate: (s: TunnelStatus) => boolean, what: string, timeoutMs = 15_000): Promise<TunnelStatus> {
  if (predicate(tunnel.status())) return Promise.resolve(tunnel.status());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`the tunnel did not reach ${what} within ${timeoutMs} ms; it is ${JSON.stringify(tunnel.status())}`));
    }, timeoutMs);
    const off = tunnel.onTransition(({ to }) => {
      if (!predicate(to)) return;
      clearTimeout(timer);
      off();
      resolve(to);
    });
  });
}

export function waitForState(tunnel: Tunnel, state: TunnelState, timeoutMs?: number): Promise<TunnelStatus> {
  return waitForStatus(tunnel, (s) => s.state === state, `"${state}"`, timeoutMs);
}

/** Polls a condition that no event announces (a counter in a fake), without a fixed sleep. */
export async function waitUntil(condition: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
