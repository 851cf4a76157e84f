/**
 * HubSpot v3: `X-HubSpot-Signature-v3` is the base64 HMAC-SHA256, keyed with the app's client secret, of
 * method + full URL + raw body + `X-HubSpot-Request-Timestamp` (milliseconds). Requests older than five
 * minutes are refused. HubSpot signs the URL with a fixed set of percent-escapes decoded (the table below).
 * The URL is the public one HubSpot called: set `url` in the endpoint's verifier settings when the intake
 * cannot know it (see request-url.ts).
 * Sources: developers.hubspot.com/docs/apps/developer-platform/build-apps/authentication/request-validation
 * and the changelog "Introducing version 3 of webhook signatures".
 */
import { createHash } from 'node:crypto';
import { parseJson, textAt } from './body-fields';
import { anySignatureMatches, hmacBase64, SIGNATURE_MISMATCH } from './hmac';
import { calledUrl } from './request-url';
import { parseTimestamp, staleReason, type Verifier } from './verifier';

/** The escapes HubSpot decodes before signing; every other escape stays as sent. */
const DECODED: Record<string, string> = {
  '%3A': ':', '%2F': '/', '%3F': '?', '%40': '@', '%21': '!', '%24': '$', '%27': "'", '%28': '(', '%29': ')', '%2A': '*', '%2C': ',', '%3B': ';',
};

export function hubspotSignedUrl(url: string): string {
  return url.replace(/%(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B)/gi, (escape) => DECODED[escape.toUpperCase()]!);
}

/**
 * HubSpot posts a batch: an array of events, each with its `eventId`. One event: its id. Several: the batch is
 * named by its sorted ids, so a retried batch dedups and a different batch never does.
 */
export function hubspotDeliveryId(body: Buffer): string | null {
  const message = parseJson(body);
  const events = Array.isArray(message) ? message : [message];
  const ids = events.map((e) => textAt(e, 'eventId'));
  if (!ids.length || ids.some((id) => id === null)) return null;
  if (ids.length === 1) return ids[0]!;
  return `batch:${ids.length}:${createHash('sha256').update(ids.sort().join(',')).digest('hex').slice(0, 32)}`;
}

export const hubspotVerifier: Verifier = {
  provider: 'hubspot',
  authenticates: true,
  contentTypes: ['application/json'],
  settingsProblem(settings) {
    if (settings.url === undefined) return null;
    return typeof settings.url === 'string' && /^https?:\/\/[^/]+/.test(settings.url) ? null : 'url must be the full public URL HubSpot calls (https://...)';
  },
  verify(request, secrets, now, settings) {
    const signature = request.headers['x-hubspot-signature-v3']?.trim();
    const timestamp = request.headers['x-hubspot-request-timestamp']?.trim();
    if (!signature || !timestamp) {
      return { ok: false, reason: 'the X-HubSpot-Signature-v3 and X-HubSpot-Request-Timestamp headers are required' };
    }
    const stale = staleReason(parseTimestamp(timestamp) / 1000, now);
    if (stale) return { ok: false, reason: stale };
    const url = hubspotSignedUrl(calledUrl(request, settings));
    const signed = Buffer.concat([Buffer.from(`${request.method}${url}`), request.body, Buffer.from(timestamp)]);
    if (!anySignatureMatches([signature], secrets, (secret) => hmacBase64(secret, signed))) {
      return { ok: false, reason: `${SIGNATURE_MISMATCH}; the URL signed was taken to be ${url}: if HubSpot calls another, set it as the endpoint's url` };
    }
    return { ok: true, deliveryId: hubspotDeliveryId(request.body) };
  },
};
