/** The HMAC primitive and constant-time comparison that the hand-rolled schemes share. */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';
export type DigestEncoding = 'hex' | 'base64';

export function hmacHex(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('hex');
}

export function hmacBase64(secret: string, message: string | Buffer): string {
  return createHmac('sha256', secret).update(message).digest('base64');
}

export function hmacDigest(algorithm: HmacAlgorithm, secret: string, message: string | Buffer, encoding: DigestEncoding): string {
  return createHmac(algorithm, secret).update(message).digest(encoding);
}

/** Compares in constant time; different lengths are simply unequal. */
export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * True when any given signature equals the one any secret produces. Every pair is compared, so the time taken
 * does not reveal which secret (or which position) matched.
 */
export function anySignatureMatches(given: string[], secrets: string[], expectedFor: (secret: string) => string): boolean {
  let matched = false;
  for (const secret of secrets) {
    const expected = expectedFor(secret);
    for (const signature of given) matched = constantTimeEqual(signature, expected) || matched;
  }
  return matched;
}

/** The reason given when no signature matches: the same words everywhere, so people learn to recognise it. */
export const SIGNATURE_MISMATCH = "the signature does not match the endpoint's signing secret (check that the secret in Keel is the one the provider shows)";
