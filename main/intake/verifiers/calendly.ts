/**
 * Calendly: `Calendly-Webhook-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of t + "." + raw body>`, keyed
 * with the subscription's signing key. Calendly suggests a 3-minute window; Keel uses its usual 5 minutes.
 * A delivery is identified by its event and the resource it is about (`payload.uri`, the invitee), so a
 * retry dedups while a cancel after a create does not.
 * Source: developer.calendly.com/api-docs/overview/webhooks/webhook-signatures.
 */
import { parseJson, textAt } from './body-fields';
import { anySignatureMatches, hmacHex, SIGNATURE_MISMATCH } from './hmac';
import { parseTimestamp, staleReason, type Verifier } from './verifier';

function parts(header: string): { t: string | undefined; v1: string[] } {
  let t: string | undefined;
  const v1: string[] = [];
  for (const item of header.split(',')) {
    const eq = item.indexOf('=');
    if (eq === -1) continue;
    const key = item.slice(0, eq).trim();
    const value = item.slice(eq + 1).trim();
    if (key === 't') t = value;
    else if (key === 'v1') v1.push(value.toLowerCase());
  }
  return { t, v1 };
}

export function calendlyDeliveryId(body: Buffer): string | null {
  const message = parseJson(body);
  const event = textAt(message, 'event');
  const subject = textAt(message, 'payload.uri');
  if (!event || !subject) return null;
  return `${event}:${subject}`;
}

export const calendlyVerifier: Verifier = {
  provider: 'calendly',
  authenticates: true,
  contentTypes: ['application/json'],
  verify(request, secrets, now) {
    const header = request.headers['calendly-webhook-signature'];
    if (!header) return { ok: false, reason: 'the Calendly-Webhook-Signature header is missing: give the subscription a signing key' };
    const { t, v1 } = parts(header);
    if (!t || !v1.length) return { ok: false, reason: 'Calendly-Webhook-Signature must hold t=<timestamp>,v1=<signature>' };
    const stale = staleReason(parseTimestamp(t), now);
    if (stale) return { ok: false, reason: stale };
    const signed = Buffer.concat([Buffer.from(`${t}.`), request.body]);
    if (!anySignatureMatches(v1, secrets, (secret) => hmacHex(secret, signed))) return { ok: false, reason: SIGNATURE_MISMATCH };
    return { ok: true, deliveryId: calendlyDeliveryId(request.body) };
  },
};
