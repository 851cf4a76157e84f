/**
 * A token bucket per connector, for providers' published rate limits (Stripe 25/s in test mode, Asana 150/min
 * on the free plan, Slack's tiers). Pure arithmetic on an injected clock.
 */
export interface RateLimit {
  /** Tokens added per second. */
  perSecond: number;
  /** Most tokens held at once (the burst). */
  burst: number;
}

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(
    private readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  /** Takes a token if one is there; otherwise says how long until one will be. */
  take(now: number): { ok: true } | { ok: false; waitMs: number } {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, waitMs: Math.ceil(((1 - this.tokens) / this.limit.perSecond) * 1000) };
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.perSecond);
    this.updatedAt = now;
  }
}
