/** Accepts every delivery. Shown as unsafe in the console: anyone who knows the URL can start runs. */
import type { Verifier } from './verifier';

export const noVerifier: Verifier = {
  provider: 'none',
  authenticates: false,
  contentTypes: ['application/json'],
  verify(request) {
    return { ok: true, deliveryId: request.headers['idempotency-key'] ?? null };
  },
};
