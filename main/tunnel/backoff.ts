/**
 * How a dropped tunnel comes back: exponential backoff with full jitter (AWS Architecture Blog, "Exponential
 * Backoff and Jitter"). The wait before attempt n+1 is uniform in [0, min(maxDelayMs, initialDelayMs *
 * multiplier^(n-1))], so a thousand laptops waking after the same outage do not reconnect in lockstep.
 */

export interface ReconnectPolicy {
  /** Ceiling of the first wait. @default 1000 */
  initialDelayMs: number;
  /** Growth of the ceiling per failed attempt. @default 2 */
  multiplier: number;
  /** Largest ceiling: a tunnel that is down is worth trying at least this often. @default 60000 */
  maxDelayMs: number;
  /** An attempt that has neither succeeded nor failed by now is abandoned and counted as failed. @default 30000 */
  attemptTimeoutMs: number;
  /**
   * A tunnel that stayed up at least this long has recovered: its next drop starts the backoff afresh. A
   * tunnel that flaps (up, dropped at once) keeps backing off instead of hammering the server. @default 30000
   */
  stableAfterMs: number;
  /** How often an up tunnel is checked, for providers that can be checked (0 turns checks off). @default 30000 */
  checkIntervalMs: number;
}

export const defaultReconnectPolicy: ReconnectPolicy = {
  initialDelayMs: 1_000,
  multiplier: 2,
  maxDelayMs: 60_000,
  attemptTimeoutMs: 30_000,
  stableAfterMs: 30_000,
  checkIntervalMs: 30_000,
};

/** The wait before the next attempt after `failures` consecutive failures (>= 1). `random` is in [0, 1). */
export function reconnectDelay(policy: ReconnectPolicy, failures: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, failures - 1));
  return Math.floor(random() * ceiling);
}
