/**
 * How Google's token endpoint checks a service account's JWT assertion (RFC 7523, Google's "Using OAuth 2.0 for
 * Server to Server Applications"): an RS256 signature by a key registered for the account, `aud` naming the
 * token endpoint, a `scope`, and `iat`/`exp` at most an hour apart and around now. The error words are Google's.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';

/** The audiences Google accepts in an assertion: its token endpoint, old and new names. */
export const GOOGLE_TOKEN_AUDIENCES = ['https://oauth2.googleapis.com/token', 'https://www.googleapis.com/oauth2/v4/token', 'https://accounts.google.com/o/oauth2/token'];

export interface RegisteredServiceAccount {
  clientEmail: string;
  publicKeys: KeyObject[];
  /** Allowed to impersonate users of its domain (`sub`), as granted in the Workspace admin console. */
  domainWideDelegation: boolean;
}

export interface AssertionClaims {
  iss: string;
  scope: string;
  sub: string | null;
}

/** Google's answer to a refused assertion: the OAuth error code and its description. */
export class AssertionError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

const SHORT_LIVED = 'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.';
/** Clock skew Google tolerates either side of now. */
const SKEW_SECONDS = 300;

function part(text: string | undefined): Record<string, unknown> {
  try {
    const value = JSON.parse(Buffer.from(text ?? '', 'base64url').toString('utf8')) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // Google answers the same for any unreadable part
  }
  throw new AssertionError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a JSON Web Token.');
}

export function verifyAssertion(assertion: string, accounts: (email: string) => RegisteredServiceAccount | undefined, nowSeconds = Date.now() / 1000): AssertionClaims {
  const pieces = assertion.split('.');
  if (pieces.length !== 3) throw new AssertionError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a JSON Web Token.');
  const [headerText, payloadText, signatureText] = pieces as [string, string, string];
  const header = part(headerText);
  const claims = part(payloadText);
  if (header.alg !== 'RS256') throw new AssertionError(400, 'invalid_grant', 'Invalid JWT Signature.');
  const iss = typeof claims.iss === 'string' ? claims.iss : '';
  const account = accounts(iss);
  if (!account) throw new AssertionError(400, 'invalid_grant', 'Invalid grant: account not found');
  const signed = Buffer.from(`${headerText}.${payloadText}`);
  const signature = Buffer.from(signatureText, 'base64url');
  if (!account.publicKeys.some((key) => verify('RSA-SHA256', signed, key, signature))) {
    throw new AssertionError(400, 'invalid_grant', 'Invalid JWT Signature.');
  }
  if (typeof claims.aud !== 'string' || !GOOGLE_TOKEN_AUDIENCES.includes(claims.aud)) {
    throw new AssertionError(400, 'invalid_grant', `Invalid JWT: Failed audience check. The right audience is ${GOOGLE_TOKEN_AUDIENCES[0]}`);
  }
  const iat = Number(claims.iat);
  const exp = Number(claims.exp);
  if (!Number.isFinite(iat) || !Number.isFinite(exp) || exp - iat > 3600 || exp < nowSeconds - SKEW_SECONDS || iat > nowSeconds + SKEW_SECONDS) {
    throw new AssertionError(400, 'invalid_grant', SHORT_LIVED);
  }
  const scope = typeof claims.scope === 'string' ? claims.scope.trim() : '';
  if (!scope) throw new AssertionError(400, 'invalid_scope', 'Empty or missing scope not allowed.');
  const sub = typeof claims.sub === 'string' && claims.sub !== iss ? claims.sub : null;
  if (sub && !account.domainWideDelegation) {
    throw new AssertionError(401, 'unauthorized_client', 'Client is unauthorized to retrieve access tokens using this method, or client not authorized for any of the scopes requested.');
  }
  return { iss, scope, sub };
}

export function publicKeyOf(key: string | KeyObject): KeyObject {
  return typeof key === 'string' ? createPublicKey(key) : key.type === 'private' ? createPublicKey(key) : key;
}
