/**
 * DocuSign Connect with HMAC: each active Connect key signs the raw body, and the base64 HMAC-SHA256 arrives
 * in `X-DocuSign-Signature-1`, `-2`, ... (one header per key, up to 100); one match is enough. The scheme
 * signs no timestamp, so replays are caught only by dedup.
 * Source: developers.docusign.com/platform/webhooks/connect/validate (and .../connect/hmac).
 */
import { parseJson, textAt } from './body-fields';
import { anySignatureMatches, hmacBase64, SIGNATURE_MISMATCH } from './hmac';
import type { Verifier } from './verifier';

const SIGNATURE_HEADER = /^x-docusign-signature-(\d{1,3})$/;

function signatures(headers: Record<string, string | undefined>): string[] {
  return Object.entries(headers)
    .filter(([name, value]) => SIGNATURE_HEADER.test(name) && value)
    .map(([, value]) => value!.trim());
}

/**
 * The JSON SIM message names its event and envelope; an `eventId`, when present, is the provider's own id.
 * Otherwise the event, envelope, recipient and generation time together identify one message: a retry of
 * the same message repeats all four, while two recipients completing at once do not collide.
 */
export function docusignDeliveryId(body: Buffer): string | null {
  const message = parseJson(body);
  const eventId = textAt(message, 'eventId');
  if (eventId) return eventId;
  const event = textAt(message, 'event');
  const envelope = textAt(message, 'data.envelopeId');
  if (!event || !envelope) return null;
  return [envelope, event, textAt(message, 'data.recipientId') ?? '', textAt(message, 'generatedDateTime') ?? ''].join(':');
}

export const docusignVerifier: Verifier = {
  provider: 'docusign',
  authenticates: true,
  contentTypes: ['application/json'],
  verify(request, secrets) {
    const given = signatures(request.headers);
    if (!given.length) {
      return { ok: false, reason: 'the X-DocuSign-Signature-1 header is missing: turn on "Include HMAC signature" in the Connect configuration' };
    }
    if (!anySignatureMatches(given, secrets, (secret) => hmacBase64(secret, request.body))) return { ok: false, reason: SIGNATURE_MISMATCH };
    return { ok: true, deliveryId: docusignDeliveryId(request.body) };
  },
};
