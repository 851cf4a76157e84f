/**
 * Standard Webhooks (standardwebhooks.com): HMAC-SHA256 over `id.timestamp.body`, keyed with the base64
 * secret after `whsec_`. Signing uses the reference `standardwebhooks` package; the comparison and the
 * timestamp window are ours so that `now` is explicit.
 */
import { Webhook } from 'standardwebhooks';
import { constantTimeEqual, SIGNATURE_MISMATCH } from './hmac';
import { staleReason, type Verifier } from './verifier';

function signatures(header: string): string[] {
  return header.split(' ').map((s) => s.trim()).filter((s) => s.startsWith('v1,')).map((s) => s.slice(3));
}

export function signStandardWebhook(secret: string, id: string, timestampSeconds: number, body: string | Buffer): string {
  return new Webhook(secret).sign(id, new Date(timestampSeconds * 1000), body);
}

export const standardWebhooksVerifier: Verifier = {
  provider: 'standard-webhooks',
  authenticates: true,
  contentTypes: ['application/json'],
  verify(request, secrets, now) {
    const id = request.headers['webhook-id'];
    const timestamp = request.headers['webhook-timestamp'];
    const header = request.headers['webhook-signature'];
    if (!id || !timestamp || !header) {
      return { ok: false, reason: 'the webhook-id, webhook-timestamp and webhook-signature headers are required' };
    }
    const stale = staleReason(Number(timestamp), now);
    if (stale) return { ok: false, reason: stale };
    const given = signatures(header);
    if (!given.length) return { ok: false, reason: 'the webhook-signature header has no v1 signature' };
    for (const secret of secrets) {
      let expected: string;
      try {
        expected = signStandardWebhook(secret, id, Number(timestamp), request.body).split(',')[1]!;
      } catch {
        continue; // A malformed secret cannot sign; another secret may.
      }
      if (given.some((sig) => constantTimeEqual(sig, expected))) return { ok: true, deliveryId: id };
    }
    return { ok: false, reason: SIGNATURE_MISMATCH };
  },
};
