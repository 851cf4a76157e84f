/**
 * PandaDoc: the hex HMAC-SHA256 of the raw body, keyed with the webhook's shared key, arrives as the
 * `signature` query parameter of the URL PandaDoc calls. No timestamp is signed. PandaDoc names each delivery
 * in `X-PandaDoc-Webhook-Event-Id`, stable across retries: the dedup key.
 * Source: developers.pandadoc.com/docs/webhook-verification and /docs/webhooks-overview (Deduplication).
 */
import { anySignatureMatches, hmacHex, SIGNATURE_MISMATCH } from './hmac';
import type { Verifier } from './verifier';

function querySignatures(url: string): string[] {
  const question = url.indexOf('?');
  if (question === -1) return [];
  return new URLSearchParams(url.slice(question + 1)).getAll('signature').map((s) => s.trim().toLowerCase());
}

export const pandadocVerifier: Verifier = {
  provider: 'pandadoc',
  authenticates: true,
  contentTypes: ['application/json'],
  verify(request, secrets) {
    const given = querySignatures(request.url);
    if (!given.length) return { ok: false, reason: 'the signature query parameter is missing from the URL PandaDoc called' };
    if (!anySignatureMatches(given, secrets, (secret) => hmacHex(secret, request.body))) return { ok: false, reason: SIGNATURE_MISMATCH };
    return { ok: true, deliveryId: request.headers['x-pandadoc-webhook-event-id']?.trim() || null };
  },
};
