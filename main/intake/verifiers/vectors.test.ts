/**
 * Published signature vectors (../shared/webhook-vectors.json): every scheme with a vector there passes it,
 * and fails when one byte of the body or the secret changes.
 */
import fs from 'node:fs';
import path from 'node:path';
import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { verifierFor } from './index';
import type { InboundRequest } from './verifier';

interface Vector {
  id: string;
  provider: string;
  secret: string;
  headers: Record<string, string>;
  body: string;
  timestamp: number | null;
  expected: Record<string, string>;
}

function findVectors(): Vector[] {
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'shared', 'webhook-vectors.json');
    if (fs.existsSync(file)) return (JSON.parse(fs.readFileSync(file, 'utf8')) as { vectors: Vector[] }).vectors;
    if (path.dirname(dir) === dir) throw new Error('../shared/webhook-vectors.json was not found beside the project');
  }
}

const vectors = findVectors();

function request(v: Vector, body = v.body): InboundRequest {
  const headers: Record<string, string> = {};
  for (const [k, val] of Object.entries({ ...v.headers, ...v.expected })) headers[k.toLowerCase()] = val;
  return { method: 'POST', url: '/hooks/x', headers, body: Buffer.from(body, 'utf8') };
}

describe('published webhook vectors', () => {
  const full = vectors.filter((v) => !v.id.includes('primitive'));
  it('covers the schemes the vectors file names', () => {
    expect(full.map((v) => v.provider).sort()).toEqual(['github', 'slack', 'standard-webhooks']);
  });

  for (const v of full) {
    describe(v.id, () => {
      const verifier = verifierFor(v.provider)!;
      const now = v.timestamp ?? 1_700_000_000;

      it('is accepted with its secret at its own time', () => {
        expect(verifier.verify(request(v), [v.secret], now)).toMatchObject({ ok: true });
      });

      it('is accepted while the secret rotates (the old one listed second)', () => {
        expect(verifier.verify(request(v), ['a-newer-secret-not-yet-used', v.secret], now)).toMatchObject({ ok: true });
      });

      it('is refused when one byte of the body changes', () => {
        const flipped = v.body.length ? `${v.body.slice(0, -1)}${v.body.endsWith('x') ? 'y' : 'x'}` : ' ';
        expect(verifier.verify(request(v, flipped), [v.secret], now)).toMatchObject({ ok: false });
      });

      it('is refused with another secret', () => {
        // Change a character in the middle: trailing base64 padding can decode to the same key.
        const middle = Math.floor(v.secret.length / 2);
        const other = `${v.secret.slice(0, middle)}${v.secret[middle] === 'A' ? 'B' : 'A'}${v.secret.slice(middle + 1)}`;
        expect(verifier.verify(request(v), [other], now)).toMatchObject({ ok: false });
      });

      if (v.timestamp !== null) {
        it('is refused ten minutes later, naming the skew', () => {
          const verdict = verifier.verify(request(v), [v.secret], v.timestamp! + 600);
          expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('600 s old') });
        });
      }
    });
  }

  it("Stripe's HMAC primitive, which the stripe package's verifier uses, matches the published values", () => {
    const crypto = Stripe.createNodeCryptoProvider();
    for (const v of vectors.filter((x) => x.id.startsWith('stripe-node-hmac-primitive'))) {
      expect(crypto.computeHMACSignature(v.body, v.secret), v.id).toBe(v.expected.hmac_hex);
    }
  });

  it('accepts a Stripe-Signature made by the stripe package and dedups on the event id', () => {
    const stripe = new Stripe('sk_test_x');
    const body = JSON.stringify({ id: 'evt_123', type: 'customer.created' });
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret: 'whsec_test', timestamp: 1_700_000_000 });
    const verifier = verifierFor('stripe')!;
    const req: InboundRequest = { method: 'POST', url: '/hooks/s', headers: { 'stripe-signature': header }, body: Buffer.from(body) };
    expect(verifier.verify(req, ['whsec_test'], 1_700_000_010)).toEqual({ ok: true, deliveryId: 'evt_123' });
    expect(verifier.verify(req, ['whsec_test'], 1_700_000_900)).toMatchObject({ ok: false });
    expect(verifier.verify(req, ['whsec_other'], 1_700_000_010)).toMatchObject({ ok: false });
  });
});
