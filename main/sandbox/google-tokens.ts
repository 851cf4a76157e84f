/**
 * The access tokens Google's OAuth fake issued, shared with the Drive fake so Drive accepts exactly those while
 * they are live, as Google's APIs do. Expiry is the fake's own clock (`Date.now()`, so a test that fakes the date
 * moves it too) or `expireAll()`, which stands in for an hour passing or a token revoked early.
 */
import { randomString, URLSAFE, type Rng } from './random';

export interface IssuedAccessToken {
  token: string;
  /** Space-separated scopes granted. */
  scope: string;
  /** The OAuth client or service account it was issued to. */
  issuedTo: string;
  /** The user it acts as: the service account itself, or the user it impersonates. */
  subject: string | null;
  expiresAt: number;
}

export type TokenState = 'live' | 'expired' | 'unknown';

export class GoogleTokenRegistry {
  private readonly tokens = new Map<string, IssuedAccessToken>();

  /** Lifetime of new access tokens (Google's is 3599 s). */
  lifetimeSeconds = 3599;

  issue(rng: Rng, grant: { scope: string; issuedTo: string; subject?: string | null }): IssuedAccessToken {
    const token = `ya29.a0${randomString(rng, 150, URLSAFE)}`;
    const issued = { token, scope: grant.scope, issuedTo: grant.issuedTo, subject: grant.subject ?? null, expiresAt: Date.now() + this.lifetimeSeconds * 1000 };
    this.tokens.set(token, issued);
    return issued;
  }

  check(token: string): TokenState {
    const issued = this.tokens.get(token);
    if (!issued) return 'unknown';
    return issued.expiresAt > Date.now() ? 'live' : 'expired';
  }

  /** Every token issued so far now counts as expired; returns how many were live. */
  expireAll(): number {
    let live = 0;
    const now = Date.now();
    for (const issued of this.tokens.values()) {
      if (issued.expiresAt > now) live++;
      issued.expiresAt = Math.min(issued.expiresAt, now);
    }
    return live;
  }

  issued(): IssuedAccessToken[] {
    return [...this.tokens.values()].map((t) => ({ ...t }));
  }

  clear(): void {
    this.tokens.clear();
  }
}
