import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelay, decideRetry, defaultRetryPolicy, retryPolicySchema } from './retry-policy';

describe('retry policy', () => {
  it('has documented defaults a user can rely on', () => {
    expect(defaultRetryPolicy).toEqual({ maxAttempts: 8, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 300_000, deadlineMs: 86_400_000 });
  });

  it('refuses nonsense with the field named', () => {
    const parsed = retryPolicySchema.safeParse({ maxAttempts: 0 });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['maxAttempts']);
  });

  it('keeps full jitter within [0, min(cap, initial * multiplier^(n-1))]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 0.999999, noNaN: true }), (attempts, r) => {
        const delay = backoffDelay(defaultRetryPolicy, attempts, () => r);
        const ceiling = Math.min(defaultRetryPolicy.maxDelayMs, 1000 * 2 ** (attempts - 1));
        return delay >= 0 && delay < Math.max(1, ceiling) && Number.isInteger(delay);
      }),
    );
  });

  it('spreads retries out: the whole range is used, not one fixed delay', () => {
    expect(backoffDelay(defaultRetryPolicy, 3, () => 0)).toBe(0);
    expect(backoffDelay(defaultRetryPolicy, 3, () => 0.999)).toBe(3996);
  });

  it('never waits less than the provider asked for with Retry-After', () => {
    expect(backoffDelay(defaultRetryPolicy, 1, () => 0.1, 30_000)).toBe(30_000);
    expect(backoffDelay(defaultRetryPolicy, 10, () => 0.9, 5)).toBeGreaterThan(5);
  });

  it('stops after the last attempt and says so', () => {
    const decision = decideRetry({ policy: { ...defaultRetryPolicy, maxAttempts: 3 }, attemptsMade: 3, firstAttemptAt: 0, now: 10, random: () => 0.5 });
    expect(decision).toEqual({ retry: false, reason: 'gave up after 3 attempts (the step allows 3)' });
  });

  it('stops when the next attempt would fall after the deadline', () => {
    const policy = { ...defaultRetryPolicy, deadlineMs: 60_000 };
    const decision = decideRetry({ policy, attemptsMade: 1, firstAttemptAt: 0, now: 59_000, retryAfterMs: 5_000, random: () => 0 });
    expect(decision.retry).toBe(false);
  });
});
