/**
 * What every verifier promises, checked the same way for each: the right secret is accepted, a wrong one and a
 * changed body are refused, a stale timestamp is refused naming the skew, a second secret works during a
 * rotation, and no request, however malformed, makes a verifier throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifierFor, verifierNames } from './index';
import { signedRequest } from './signers';
import type { InboundRequest, VerifierSettings } from './verifier';

const NOW = 1_760_000_000;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER = 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD';

interface Case {
  provider: string;
  settings?: VerifierSettings;
  body: string;
  /** Seconds the scheme tolerates, when it signs a timestamp. */
  tolerance?: number;
}

const event = JSON.stringify({ id: 'evt_1', event_id: 'ev_1', eventId: 101, type: 'contract.signed', data: { id: 'C-1', envelopeId: 'env-1' } });
const dropboxEvent = JSON.stringify({ event: { event_type: 'signature_request_all_signed', event_metadata: { related_signature_id: 'sig-1' } }, signature_request: { signature_request_id: 'sr-1' } });

const cases: Case[] = [
  { provider: 'stripe', body: event, tolerance: 300 },
  { provider: 'standard-webhooks', body: event, tolerance: 300 },
  { provider: 'slack', body: event, tolerance: 300 },
  { provider: 'github', body: event },
  { provider: 'docusign', body: event },
  { provider: 'pandadoc', body: event },
  { provider: 'dropbox-sign', body: dropboxEvent, tolerance: 4 * 24 * 3600 },
  { provider: 'hubspot', body: JSON.stringify([{ eventId: 101, subscriptionType: 'contact.creation' }]), tolerance: 300 },
  { provider: 'typeform', body: event },
  { provider: 'calendly', body: JSON.stringify({ event: 'invitee.created', payload: { uri: 'https://api.calendly.com/invitees/1' } }), tolerance: 300 },
  { provider: 'hmac', settings: { provider: 'hmac', header: 'X-Signature', algorithm: 'sha512', encoding: 'base64', prefix: 'v1=', template: '{timestamp}:{method}:{url}:{body}', timestampHeader: 'X-Timestamp' }, body: event, tolerance: 300 },
  { provider: 'hmac', settings: { provider: 'hmac', header: 'X-Hook-Signature' }, body: event },
];

function sign(c: Case, secret = SECRET, now = NOW): InboundRequest {
  return signedRequest(c.provider, { secret, body: c.body, nowSeconds: now, ...(c.settings && { settings: c.settings }) });
}

/** Changes one byte of what the scheme signs. Dropbox Sign signs only event_time + event_type, so that is where. */
function tamper(c: Case, req: InboundRequest): InboundRequest {
  if (c.provider === 'dropbox-sign') {
    return { ...req, body: Buffer.from(req.body.toString('latin1').replace('all_signed', 'all_signeD'), 'latin1') };
  }
  const body = Buffer.from(req.body);
  body[Math.floor(body.length / 2)]! ^= 0x01;
  return { ...req, body };
}

it('covers every authenticating verifier in the registry', () => {
  const authenticating = verifierNames().filter((n) => verifierFor(n)!.authenticates);
  expect(new Set(cases.map((c) => c.provider))).toEqual(new Set(authenticating));
  expect(verifierNames().sort()).toEqual(
    ['calendly', 'docusign', 'dropbox-sign', 'github', 'hmac', 'hubspot', 'none', 'pandadoc', 'slack', 'standard-webhooks', 'stripe', 'typeform'],
  );
});

describe.each(cases.map((c) => [`${c.provider}${c.settings ? ` ${JSON.stringify(c.settings)}` : ''}`, c] as const))('%s', (_name, c) => {
  const verifier = verifierFor(c.provider)!;
  const verify = (req: InboundRequest, secrets: string[], now = NOW) => verifier.verify(req, secrets, now, c.settings);

  it('accepts a delivery signed with the endpoint secret', () => {
    expect(verify(sign(c), [SECRET])).toMatchObject({ ok: true });
  });

  it('refuses a delivery signed with another secret, saying the signature does not match', () => {
    expect(verify(sign(c, OTHER), [SECRET])).toEqual({ ok: false, reason: expect.stringContaining('signature does not match') });
  });

  it('refuses the delivery when one signed byte of the body changes', () => {
    expect(verify(tamper(c, sign(c)), [SECRET])).toMatchObject({ ok: false });
  });

  it('accepts while a secret rotates: the new one first, the old one second', () => {
    expect(verify(sign(c, OTHER), [SECRET, OTHER])).toMatchObject({ ok: true });
    expect(verify(sign(c), [OTHER, SECRET])).toMatchObject({ ok: true });
  });

  it('refuses a request with no signature at all, saying what is missing', () => {
    const bare: InboundRequest = { method: 'POST', url: '/hooks/test', headers: { 'content-type': 'application/json' }, body: Buffer.from(c.body) };
    const verdict = verify(bare, [SECRET]);
    expect(verdict.ok).toBe(false);
    expect(verdict.ok ? '' : verdict.reason).toMatch(/missing|required|no /);
  });

  if (c.tolerance) {
    const tolerance = c.tolerance;
    it(`accepts within its window (${tolerance} s) and refuses a stale or future timestamp, naming the skew`, () => {
      expect(verify(sign(c), [SECRET], NOW + tolerance - 1)).toMatchObject({ ok: true });
      expect(verify(sign(c), [SECRET], NOW + tolerance + 600)).toEqual({ ok: false, reason: expect.stringContaining(`${tolerance + 600} s old`) });
      expect(verify(sign(c), [SECRET], NOW - tolerance - 60)).toEqual({ ok: false, reason: expect.stringContaining(`${tolerance + 60} s in the future`) });
    });
  } else {
    it('signs no timestamp, so an old delivery is still accepted (dedup catches replays)', () => {
      expect(verify(sign(c), [SECRET], NOW + 30 * 24 * 3600)).toMatchObject({ ok: true });
    });
  }

  it('never throws, whatever the request holds', () => {
    const signed = sign(c);
    const headerNames = [...Object.keys(signed.headers), 'content-type', '__proto__', 'constructor'];
    const headers = fc.dictionary(fc.constantFrom(...headerNames), fc.oneof(fc.string(), fc.constant(undefined), fc.constantFrom(...Object.values(signed.headers).map(String))));
    const requests = fc.record({
      method: fc.constantFrom('POST', 'GET', ''),
      url: fc.oneof(fc.constant(signed.url), fc.string().map((s) => `/hooks/test?${s}`), fc.constant('/hooks/test?signature=%zz')),
      headers,
      body: fc.oneof(fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)), fc.constant(signed.body), fc.json().map((j) => Buffer.from(j))),
    });
    fc.assert(fc.property(requests, fc.array(fc.string(), { maxLength: 3 }), (req, secrets) => {
      const verdict = verifier.verify(req as InboundRequest, secrets, NOW, c.settings);
      expect(typeof verdict.ok).toBe('boolean');
      if (!verdict.ok) expect(verdict.reason.length).toBeGreaterThan(10);
    }), { numRuns: 300 });
  });
});
