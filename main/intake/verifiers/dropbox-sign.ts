/**
 * Dropbox Sign (formerly HelloSign): the event arrives as JSON, usually in the `json` field of a
 * multipart/form-data body. Its `event.event_hash` is the hex HMAC-SHA256, keyed with the account's API key,
 * of `event_time + event_type`. The receiver must answer exactly `Hello API Event Received` (handshakes.ts).
 *
 * Only the time and type are signed, not the rest of the body: this is the provider's scheme, and the reason
 * the window below is kept as short as retries allow. `event_time` is when the event happened, not when it
 * was sent, and Dropbox Sign retries a callback for about three days; a five-minute window would refuse every
 * retry after the laptop slept, so the default is four days (`toleranceSeconds` in the endpoint's settings).
 * Sources: developers.hellosign.com (Events walkthrough; Callbacks & Events glossary: "verify by HMAC of
 * event_time + event_type using the API key"; "respond with exactly Hello API Event Received"), and the
 * official SDKs' EventCallbackHelper.is_valid.
 */
import { formField, mediaType, parseJson, textAt } from './body-fields';
import { anySignatureMatches, hmacHex, SIGNATURE_MISMATCH } from './hmac';
import { parseTimestamp, staleReason, type InboundRequest, type Verifier } from './verifier';

export const DROPBOX_SIGN_TOLERANCE_SECONDS = 4 * 24 * 3600;

/** The event JSON's text: the `json` form field, or the whole body when it is sent as JSON (or untyped, from the CLI). */
function eventText(request: InboundRequest): string | undefined {
  const type = request.headers['content-type'];
  if (mediaType(type) === 'application/json' || mediaType(type) === '') return request.body.toString('utf8');
  return formField(type, request.body, 'json');
}

function toleranceOf(option: unknown): number {
  return typeof option === 'number' && Number.isFinite(option) && option > 0 ? option : DROPBOX_SIGN_TOLERANCE_SECONDS;
}

/**
 * The event hash names a (time, type) pair, so two signers signing in the same second share it; the
 * signature request and signature it is about keep their deliveries apart.
 */
function deliveryIdOf(event: unknown, hash: string): string {
  return [hash, textAt(event, 'signature_request.signature_request_id') ?? '', textAt(event, 'event.event_metadata.related_signature_id') ?? ''].join(':');
}

export const dropboxSignVerifier: Verifier = {
  provider: 'dropbox-sign',
  authenticates: true,
  contentTypes: ['multipart/form-data', 'application/x-www-form-urlencoded', 'application/json'],
  settingsProblem(settings) {
    const t = settings.toleranceSeconds;
    return t === undefined || (typeof t === 'number' && Number.isInteger(t) && t > 0) ? null : 'toleranceSeconds must be a whole number of seconds';
  },
  verify(request, secrets, now, settings) {
    const text = eventText(request);
    if (text === undefined) return { ok: false, reason: 'the body has no "json" field holding the Dropbox Sign event' };
    const event = parseJson(Buffer.from(text));
    const time = textAt(event, 'event.event_time');
    const type = textAt(event, 'event.event_type');
    const hash = textAt(event, 'event.event_hash')?.toLowerCase();
    if (!time || !type || !hash) return { ok: false, reason: 'the event has no event_time, event_type and event_hash to verify' };
    const stale = staleReason(parseTimestamp(time), now, toleranceOf(settings?.toleranceSeconds));
    if (stale) return { ok: false, reason: stale };
    if (!anySignatureMatches([hash], secrets, (apiKey) => hmacHex(apiKey, `${time}${type}`))) {
      return { ok: false, reason: `${SIGNATURE_MISMATCH}; Dropbox Sign signs with the account's API key` };
    }
    return { ok: true, deliveryId: deliveryIdOf(event, hash) };
  },
  payload(request) {
    const text = eventText(request);
    if (text === undefined) throw new Error('the body has no "json" field');
    return JSON.parse(text);
  },
};
