/** GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`; `X-GitHub-Delivery` is the id. */
import { constantTimeEqual, hmacHex, SIGNATURE_MISMATCH } from './hmac';
import type { Verifier } from './verifier';

export const githubVerifier: Verifier = {
  provider: 'github',
  authenticates: true,
  contentTypes: ['application/json', 'application/x-www-form-urlencoded'],
  verify(request, secrets) {
    const header = request.headers['x-hub-signature-256'];
    if (!header) return { ok: false, reason: 'the X-Hub-Signature-256 header is missing' };
    if (!header.startsWith('sha256=')) return { ok: false, reason: 'X-Hub-Signature-256 must start with sha256=' };
    const ok = secrets.some((secret) => constantTimeEqual(header, `sha256=${hmacHex(secret, request.body)}`));
    return ok
      ? { ok: true, deliveryId: request.headers['x-github-delivery'] ?? null }
      : { ok: false, reason: SIGNATURE_MISMATCH };
  },
};
