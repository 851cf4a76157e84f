/**
 * Each provider's wire format against values computed independently (Python's hmac module, from the
 * providers' published descriptions; see each verifier's header for the source), and each one's dedup key.
 */
import { describe, expect, it } from 'vitest';
import { verifierFor } from './index';
import { multipartBody, signedRequest } from './signers';
import type { InboundRequest, VerifierSettings } from './verifier';

const NOW = 1_760_000_000;

function req(url: string, headers: Record<string, string>, body: string | Buffer, publicUrl?: string): InboundRequest {
  return { method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, body: Buffer.isBuffer(body) ? body : Buffer.from(body), ...(publicUrl && { publicUrl }) };
}

function verify(provider: string, request: InboundRequest, secrets: string[], settings?: VerifierSettings, now = NOW) {
  return verifierFor(provider)!.verify(request, secrets, now, settings ?? { provider });
}

describe('docusign', () => {
  const body = '{"event":"envelope-completed","data":{"envelopeId":"e-1"}}';
  const signature = '2+DxTyWiAcmv+Mi3vbb5UBdJ2g10zZ9LUqnZXdJFT9M=';

  it('accepts the base64 HMAC in any X-DocuSign-Signature-N header (one per active Connect key)', () => {
    expect(verify('docusign', req('/hooks/d', { 'x-docusign-signature-1': signature }, body), ['docusign-connect-key'])).toMatchObject({ ok: true });
    expect(verify('docusign', req('/hooks/d', { 'x-docusign-signature-1': 'bm90IGl0', 'x-docusign-signature-2': signature }, body), ['docusign-connect-key'])).toMatchObject({ ok: true });
  });

  it('dedups on eventId when present, else on envelope, event, recipient and generation time', () => {
    const withId = JSON.stringify({ eventId: 'ev-9', event: 'envelope-sent', data: { envelopeId: 'e-1' } });
    expect(verify('docusign', signedRequest('docusign', { secret: 'k', body: withId, nowSeconds: NOW }), ['k'])).toEqual({ ok: true, deliveryId: 'ev-9' });
    const sim = JSON.stringify({ event: 'recipient-completed', generatedDateTime: '2026-01-01T00:00:00Z', data: { envelopeId: 'e-1', recipientId: '2' } });
    expect(verify('docusign', signedRequest('docusign', { secret: 'k', body: sim, nowSeconds: NOW }), ['k'])).toEqual({ ok: true, deliveryId: 'e-1:recipient-completed:2:2026-01-01T00:00:00Z' });
    expect(verify('docusign', signedRequest('docusign', { secret: 'k', body: '{"x":1}', nowSeconds: NOW }), ['k'])).toEqual({ ok: true, deliveryId: null });
  });
});

describe('pandadoc', () => {
  const body = '[{"event":"document_state_changed","data":{"id":"doc-1","status":"document.completed"}}]';
  const signature = 'a0807ab7865bc9599a819cc8890ef7bc1941abab96bc550c57673e06b4854c17';

  it('accepts the hex HMAC of the body in the signature query parameter, and dedups on X-PandaDoc-Webhook-Event-Id', () => {
    const verdict = verify('pandadoc', req(`/hooks/p?signature=${signature}`, { 'x-pandadoc-webhook-event-id': 'wh-evt-1' }, body), ['pandadoc-shared-key']);
    expect(verdict).toEqual({ ok: true, deliveryId: 'wh-evt-1' });
  });

  it('refuses a request whose URL carries no signature, and one whose signature is in a header instead', () => {
    expect(verify('pandadoc', req('/hooks/p', { signature }, body), ['pandadoc-shared-key'])).toEqual({ ok: false, reason: expect.stringContaining('signature query parameter is missing') });
  });
});

describe('dropbox-sign', () => {
  const event = { event: { event_time: '1525470811', event_type: 'signature_request_sent', event_hash: '6b1b3f1ee505401b1d64e466a0787d755e6139d203c2505a9f0ca704b03cf936' }, signature_request: { signature_request_id: 'sr-1' } };
  const json = JSON.stringify(event);
  const at = 1525470811 + 60;

  it.each([
    ['multipart/form-data (how Dropbox Sign posts)', 'multipart/form-data; boundary=XyZ', multipartBody({ json }, 'XyZ')],
    ['a URL-encoded form', 'application/x-www-form-urlencoded', Buffer.from(new URLSearchParams({ json }).toString())],
    ['plain JSON', 'application/json', Buffer.from(json)],
  ])('verifies event_hash = hex HMAC(API key, event_time + event_type) in %s', (_name, type, body) => {
    const request = req('/hooks/ds', { 'content-type': type }, body);
    expect(verify('dropbox-sign', request, ['dbx-api-key'], undefined, at)).toEqual({ ok: true, deliveryId: `${event.event.event_hash}:sr-1:` });
    expect(verifierFor('dropbox-sign')!.payload!(request)).toEqual(event);
  });

  it('keeps a retry days later (event_time is when the event happened), but not one older than its window', () => {
    const request = req('/hooks/ds', {}, json);
    expect(verify('dropbox-sign', request, ['dbx-api-key'], undefined, 1525470811 + 3 * 24 * 3600)).toMatchObject({ ok: true });
    expect(verify('dropbox-sign', request, ['dbx-api-key'], { provider: 'dropbox-sign', toleranceSeconds: 300 }, at + 600)).toEqual({ ok: false, reason: expect.stringContaining('660 s old') });
  });

  it('refuses a form without the json field, naming it', () => {
    expect(verify('dropbox-sign', req('/hooks/ds', { 'content-type': 'multipart/form-data; boundary=XyZ' }, multipartBody({ other: json }, 'XyZ')), ['k'])).toEqual({ ok: false, reason: expect.stringContaining('"json" field') });
  });
});

describe('hubspot', () => {
  const body = '[{"eventId":1}]';
  const headers = { 'x-hubspot-request-timestamp': '1760000000000', 'x-hubspot-signature-v3': 'tNVPTREwvDDBSz0nVKum2/u9XDhAzawntuQhKwyhFDg=' };

  it('signs method + public URL (with HubSpot\'s escapes decoded, others kept) + body + timestamp in ms', () => {
    const request = req('/hooks/crm?x=%3A1&y=%20', headers, body);
    expect(verify('hubspot', request, ['hubspot-client-secret'], { provider: 'hubspot', url: 'https://keel.example/hooks/crm' })).toEqual({ ok: true, deliveryId: '1' });
    expect(verify('hubspot', { ...request, publicUrl: 'https://keel.example/hooks/crm?x=%3A1&y=%20' }, ['hubspot-client-secret'])).toMatchObject({ ok: true });
    expect(verify('hubspot', { ...request, headers: { ...request.headers, host: 'keel.example' } }, ['hubspot-client-secret'])).toMatchObject({ ok: true });
  });

  it('names the URL it assumed when the signature does not match, so a wrong public URL is easy to spot', () => {
    const verdict = verify('hubspot', { ...req('/hooks/crm?x=%3A1&y=%20', headers, body), publicUrl: 'https://elsewhere.example/hooks/crm?x=:1&y=%20' }, ['hubspot-client-secret']);
    expect(verdict).toEqual({ ok: false, reason: expect.stringContaining('https://elsewhere.example/hooks/crm') });
  });

  it('dedups a batch by its sorted event ids, and refuses a url setting that is not a URL', () => {
    const a = signedRequest('hubspot', { secret: 's', body: '[{"eventId":2},{"eventId":1}]', nowSeconds: NOW });
    const b = signedRequest('hubspot', { secret: 's', body: '[{"eventId":1},{"eventId":2}]', nowSeconds: NOW });
    const idA = verify('hubspot', a, ['s']);
    expect(idA).toMatchObject({ ok: true, deliveryId: expect.stringMatching(/^batch:2:/) });
    expect(verify('hubspot', b, ['s'])).toEqual(idA);
    expect(verifierFor('hubspot')!.settingsProblem!({ provider: 'hubspot', url: 'keel.example/hooks' })).toContain('full public URL');
  });
});

describe('typeform and calendly', () => {
  it('Typeform: sha256=<base64 HMAC of the body>, dedup on event_id', () => {
    const body = '{"event_id":"01H","event_type":"form_response"}';
    expect(verify('typeform', req('/hooks/t', { 'typeform-signature': 'sha256=Kbv8ipHPeeGXc2Ed46vQEVfYDQWGdKJs02sQU85WDPM=' }, body), ['typeform-secret'])).toEqual({ ok: true, deliveryId: '01H' });
  });

  it('Calendly: t=<seconds>,v1=<hex HMAC of t.body>, dedup on event + invitee', () => {
    const body = '{"event":"invitee.created","payload":{"uri":"https://api.calendly.com/invitees/1"}}';
    const header = 't=1760000000,v1=40eea605308432cd2ba2afe26a0b71a5273f3e907134572c22987053aef95d76';
    expect(verify('calendly', req('/hooks/c', { 'calendly-webhook-signature': header }, body), ['calendly-key'])).toEqual({ ok: true, deliveryId: 'invitee.created:https://api.calendly.com/invitees/1' });
  });
});

describe('hmac (generic)', () => {
  const settings: VerifierSettings = { provider: 'hmac', header: 'X-Sig', algorithm: 'sha1', prefix: 'sha1=', template: '{timestamp}.{body}', timestampHeader: 'X-Ts', deliveryIdField: 'id' };

  it('follows its settings: sha1, hex, prefix, template with the timestamp, id from the body', () => {
    const request = req('/hooks/g', { 'x-sig': 'sha1=F9751163BD013F69B4360A60376F44FF66ADFDDB', 'x-ts': '1760000000' }, '{"id":"x"}');
    expect(verify('hmac', request, ['generic-secret'], settings)).toEqual({ ok: true, deliveryId: 'x' });
  });

  it('takes the delivery id from a header when told to, and accepts any of several listed signatures', () => {
    const s: VerifierSettings = { provider: 'hmac', header: 'X-Sig', deliveryIdHeader: 'X-Request-Id' };
    const signed = signedRequest('hmac', { secret: 'k', body: '{}', nowSeconds: NOW, settings: s });
    const request = { ...signed, headers: { ...signed.headers, 'x-sig': `deadbeef, ${signed.headers['x-sig']}`, 'x-request-id': 'r-1' } };
    expect(verify('hmac', request, ['k'], s)).toEqual({ ok: true, deliveryId: 'r-1' });
  });

  it.each([
    [{ provider: 'hmac' }, 'header'],
    [{ provider: 'hmac', header: 'X Sig' }, 'header name'],
    [{ provider: 'hmac', header: 'X-Sig', algorithm: 'md5' }, 'algorithm'],
    [{ provider: 'hmac', header: 'X-Sig', template: '{timestamp}{body}' }, 'timestampHeader must name'],
    [{ provider: 'hmac', header: 'X-Sig', timestampHeader: 'X-Ts' }, 'unsigned timestamp proves nothing'],
  ])('explains what is wrong with the settings %j', (s, words) => {
    expect(verifierFor('hmac')!.settingsProblem!(s)).toContain(words);
    expect(verify('hmac', req('/hooks/g', { 'x-sig': 'x' }, '{}'), ['k'], s)).toEqual({ ok: false, reason: expect.stringContaining('hmac settings are incomplete') });
  });
});
