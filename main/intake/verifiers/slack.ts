/**
 * Slack: `X-Slack-Signature: v0=<hex HMAC-SHA256 of "v0:" + X-Slack-Request-Timestamp + ":" + raw body>`,
 * with a five-minute window. Events API deliveries carry `event_id`, the dedup key.
 */
import { constantTimeEqual, hmacHex, SIGNATURE_MISMATCH } from './hmac';
import { staleReason, type Verifier } from './verifier';

export const slackVerifier: Verifier = {
  provider: 'slack',
  authenticates: true,
  contentTypes: ['application/json', 'application/x-www-form-urlencoded'],
  verify(request, secrets, now) {
    const timestamp = request.headers['x-slack-request-timestamp'];
    const signature = request.headers['x-slack-signature'];
    if (!timestamp || !signature) return { ok: false, reason: 'the X-Slack-Request-Timestamp and X-Slack-Signature headers are required' };
    const stale = staleReason(Number(timestamp), now);
    if (stale) return { ok: false, reason: stale };
    const base = Buffer.concat([Buffer.from(`v0:${timestamp}:`), request.body]);
    if (!secrets.some((secret) => constantTimeEqual(signature, `v0=${hmacHex(secret, base)}`))) {
      return { ok: false, reason: SIGNATURE_MISMATCH };
    }
    let deliveryId: string | null = null;
    try {
      deliveryId = (JSON.parse(request.body.toString('utf8')) as { event_id?: string }).event_id ?? null;
    } catch {
      // Slash commands and interactivity are form-encoded and carry no event id.
    }
    return { ok: true, deliveryId };
  },
};
