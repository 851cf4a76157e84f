/**
 * Typeform: `Typeform-Signature: sha256=<base64 HMAC-SHA256 of the raw body>`, keyed with the webhook's
 * secret. No timestamp is signed. Each delivery carries `event_id`, the dedup key.
 * Source: typeform.com/developers/webhooks/secure-your-webhooks/.
 */
import { parseJson, textAt } from './body-fields';
import { anySignatureMatches, hmacBase64, SIGNATURE_MISMATCH } from './hmac';
import type { Verifier } from './verifier';

export const typeformVerifier: Verifier = {
  provider: 'typeform',
  authenticates: true,
  contentTypes: ['application/json'],
  verify(request, secrets) {
    const header = request.headers['typeform-signature']?.trim();
    if (!header) return { ok: false, reason: 'the Typeform-Signature header is missing: set a secret on the Typeform webhook' };
    if (!header.startsWith('sha256=')) return { ok: false, reason: 'Typeform-Signature must start with sha256=' };
    if (!anySignatureMatches([header], secrets, (secret) => `sha256=${hmacBase64(secret, request.body)}`)) {
      return { ok: false, reason: SIGNATURE_MISMATCH };
    }
    return { ok: true, deliveryId: textAt(parseJson(request.body), 'event_id') };
  },
};
