/**
 * A step's retry policy: a documented value with defaults, validated when the workflow is saved.
 * Backoff is exponential with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): the wait
 * before attempt n+1 is uniform in [0, min(maxDelayMs, initialDelayMs * multiplier^(n-1))], and never shorter
 * than what the provider asked for with Retry-After.
 */
import { z } from 'zod';

export const retryPolicySchema = z.object({
  /** Attempts in all, the first included. @default 8 */
  maxAttempts: z.number().int().min(1).max(100).default(8),
  /** Ceiling of the first backoff. @default 1000 */
  initialDelayMs: z.number().int().min(0).max(3_600_000).default(1_000),
  /** Growth of the ceiling per attempt. @default 2 */
  multiplier: z.number().min(1).max(10).default(2),
  /** Largest ceiling. @default 300000 (5 minutes) */
  maxDelayMs: z.number().int().min(0).max(86_400_000).default(300_000),
  /** Give up once this long has passed since the first attempt, whatever attempts remain. @default 86400000 */
  deadlineMs: z.number().int().min(1_000).max(30 * 86_400_000).default(86_400_000),
});

export type RetryPolicy = z.output<typeof retryPolicySchema>;
export const defaultRetryPolicy: RetryPolicy = retryPolicySchema.parse({});

/** The wait before the next attempt, after `attemptsMade` attempts. `random` is in [0, 1). */
export function backoffDelay(
  policy: RetryPolicy,
  attemptsMade: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** Math.max(0, attemptsMade - 1));
  const jittered = Math.floor(random() * ceiling);
  return Math.max(jittered, retryAfterMs ?? 0);
}

export type RetryDecision = { retry: true; delayMs: number } | { retry: false; reason: string };

export function decideRetry(input: {
  policy: RetryPolicy;
  attemptsMade: number;
  firstAttemptAt: number;
  now: number;
  retryAfterMs?: number;
  random: () => number;
}): RetryDecision {
  const { policy, attemptsMade, firstAttemptAt, now } = input;
  if (attemptsMade >= policy.maxAttempts) {
    return { retry: false, reason: `gave up after ${attemptsMade} attempts (the step allows ${policy.maxAttempts})` };
  }
  const delayMs = backoffDelay(policy, attemptsMade, input.random, input.retryAfterMs);
  if (now + delayMs - firstAttemptAt > policy.deadlineMs) {
    return { retry: false, reason: `the next attempt would fall after the step's deadline (${policy.deadlineMs} ms)` };
  }
  return { retry: true, delayMs };
}
