/**
 * Signs requests the way each provider does, from the providers' published schemes: for tests, the fuzz test
 * and fake providers. Each returns the request the intake would see, with the public URL it was sent to.
 */
import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { signedMessage, parseGenericHmacSettings } from './generic-hmac';
import { hmacBase64, hmacHex } from './hmac';
import { hubspotSignedUrl } from './hubspot';
import { signStandardWebhook } from './standard-webhooks';
import type { InboundRequest, VerifierSettings } from './verifier';

export interface SignOptions {
  secret: string;
  /** The raw body. For Dropbox Sign: the event JSON, whose event_hash (and missing event_time) is filled in. */
  body: string;
  nowSeconds: number;
  /** The public URL the provider calls. @default https://keel.example/hooks/test */
  url?: string;
  /** The endpoint's verifier settings (the generic `hmac` needs them). */
  settings?: VerifierSettings;
  /** Dropbox Sign only: how the event is posted. @default multipart */
  form?: 'multipart' | 'urlencoded' | 'json';
}

const stripeWebhooks = new Stripe('sk_sign_only').webhooks;
const JSON_TYPE = { 'content-type': 'application/json' };

function request(o: SignOptions, headers: Record<string, string>, body: string | Buffer = o.body, url = o.url ?? 'https://keel.example/hooks/test'): InboundRequest {
  const parsed = new URL(url);
  return { method: 'POST', url: `${parsed.pathname}${parsed.search}`, publicUrl: url, headers, body: Buffer.isBuffer(body) ? body : Buffer.from(body) };
}

export const MULTIPART_BOUNDARY = 'keel-test-boundary-7MA4YWxkTrZu0gW';

export function multipartBody(fields: Record<string, string>, boundary = MULTIPART_BOUNDARY): Buffer {
  const parts = Object.entries(fields).map(([name, value]) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`);
  return Buffer.from(`${parts.join('')}--${boundary}--\r\n`);
}

function signDropboxSign(o: SignOptions): InboundRequest {
  const event = JSON.parse(o.body) as { event: Record<string, unknown> };
  event.event.event_time ??= String(o.nowSeconds);
  event.event.event_hash = hmacHex(o.secret, `${String(event.event.event_time)}${String(event.event.event_type)}`);
  const json = JSON.stringify(event);
  if (o.form === 'json') return request(o, JSON_TYPE, json);
  if (o.form === 'urlencoded') return request(o, { 'content-type': 'application/x-www-form-urlencoded' }, new URLSearchParams({ json }).toString());
  return request(o, { 'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` }, multipartBody({ json }));
}

function signGenericHmac(o: SignOptions): InboundRequest {
  const parsed = parseGenericHmacSettings(o.settings ?? { provider: 'hmac' });
  if (!parsed.ok) throw new Error(parsed.problem);
  const s = parsed.value;
  const timestamp = s.timestampHeader ? String(s.timestampUnit === 'ms' ? o.nowSeconds * 1000 : o.nowSeconds) : '';
  const unsigned = request(o, { ...JSON_TYPE, ...(s.timestampHeader && { [s.timestampHeader.toLowerCase()]: timestamp }) });
  const message = signedMessage(s.template, unsigned, timestamp, s.url ?? unsigned.publicUrl!);
  unsigned.headers[s.header.toLowerCase()] = `${s.prefix}${createHmac(s.algorithm, o.secret).update(message).digest(s.encoding)}`;
  return unsigned;
}

export function signedRequest(provider: string, o: SignOptions): InboundRequest {
  const t = String(o.nowSeconds);
  const body = Buffer.from(o.body);
  switch (provider) {
    case 'stripe':
      return request(o, { ...JSON_TYPE, 'stripe-signature': stripeWebhooks.generateTestHeaderString({ payload: o.body, secret: o.secret, timestamp: o.nowSeconds }) });
    case 'standard-webhooks': {
      const id = `msg_${hmacHex('id', body).slice(0, 24)}`;
      return request(o, { ...JSON_TYPE, 'webhook-id': id, 'webhook-timestamp': t, 'webhook-signature': signStandardWebhook(o.secret, id, o.nowSeconds, body) });
    }
    case 'slack':
      return request(o, { ...JSON_TYPE, 'x-slack-request-timestamp': t, 'x-slack-signature': `v0=${hmacHex(o.secret, `v0:${t}:${o.body}`)}` });
    case 'github':
      return request(o, { ...JSON_TYPE, 'x-github-delivery': 'd3b1c0de-0000-4000-8000-000000000001', 'x-hub-signature-256': `sha256=${hmacHex(o.secret, body)}` });
    case 'docusign':
      return request(o, { ...JSON_TYPE, 'x-authorization-digest': 'HMACSHA256', 'x-docusign-signature-1': hmacBase64(o.secret, body) });
    case 'pandadoc': {
      const url = new URL(o.url ?? 'https://keel.example/hooks/test');
      url.searchParams.set('signature', hmacHex(o.secret, body));
      return request(o, { ...JSON_TYPE, 'x-pandadoc-webhook-event-id': 'pd-evt-1' }, body, url.toString());
    }
    case 'dropbox-sign':
      return signDropboxSign(o);
    case 'hubspot': {
      const ms = String(o.nowSeconds * 1000);
      const url = hubspotSignedUrl(o.url ?? 'https://keel.example/hooks/test');
      return request(o, { ...JSON_TYPE, 'x-hubspot-request-timestamp': ms, 'x-hubspot-signature-v3': hmacBase64(o.secret, `POST${url}${o.body}${ms}`) });
    }
    case 'typeform':
      return request(o, { ...JSON_TYPE, 'typeform-signature': `sha256=${hmacBase64(o.secret, body)}` });
    case 'calendly':
      return request(o, { ...JSON_TYPE, 'calendly-webhook-signature': `t=${t},v1=${hmacHex(o.secret, `${t}.${o.body}`)}` });
    case 'hmac':
      return signGenericHmac(o);
    default:
      throw new Error(`no signer for ${provider}`);
  }
}
