/** Stripe-Signature, checked by the official `stripe` package's own webhook functions. */
import Stripe from 'stripe';
import { SIGNATURE_MISMATCH } from './hmac';
import type { Verifier } from './verifier';
import { DEFAULT_TOLERANCE_SECONDS, staleReason } from './verifier';

// The webhook helpers need no API key and make no request; the client only carries them.
const webhooks = new Stripe('sk_verify_only').webhooks;

export const stripeVerifier: Verifier = {
  provider: 'stripe',
  authenticates: true,
  contentTypes: ['application/json'],
  verify(request, secrets, now) {
    const header = request.headers['stripe-signature'];
    if (!header) return { ok: false, reason: 'the Stripe-Signature header is missing' };
    const t = Number(/(?:^|,)t=(\d+)/.exec(header)?.[1]);
    if (!t) return { ok: false, reason: 'the Stripe-Signature header has no timestamp (t=)' };
    const stale = staleReason(t, now);
    if (stale) return { ok: false, reason: stale };
    let last = 'no signing secret is set for this endpoint';
    for (const secret of secrets) {
      try {
        webhooks.signature!.verifyHeader(request.body, header, secret, DEFAULT_TOLERANCE_SECONDS, undefined, now * 1000);
        let id: string | null = null;
        try {
          id = (JSON.parse(request.body.toString('utf8')) as { id?: string }).id ?? null;
        } catch {
          // The body's shape is checked after verification; the id is only for dedup.
        }
        return { ok: true, deliveryId: id };
      } catch (error) {
        last = (error as Error).message;
      }
    }
    // The SDK's wording for a mismatch is replaced by ours, so every provider says it the same way.
    return { ok: false, reason: last.startsWith('No signatures found matching') ? SIGNATURE_MISMATCH : last.replace(/\s+Learn more.*$/s, '') };
  },
};
