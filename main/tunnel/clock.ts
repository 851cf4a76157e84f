/**
 * Time as the tunnel sees it. Injected so tests drive reconnects and timeouts without sleeping, and so a
 * backoff's jitter can be made deterministic.
 */

export interface TimerHandle {
  /** Opaque; only ever handed back to `clearTimeout`. */
  readonly __timer?: never;
}

export interface TunnelClock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  /** Uniform in [0, 1): the jitter of the backoff. */
  random(): number;
}

export const systemClock: TunnelClock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    const handle = setTimeout(callback, ms);
    // A pending reconnect must not keep a headless `keel` process alive after everything else stopped.
    handle.unref();
    return handle as unknown as TimerHandle;
  },
  clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
  random: () => Math.random(),
};
