/**
 * A configurable HMAC scheme for providers without a verifier of their own. The endpoint's settings say where
 * the signature is, how it is made and what is signed:
 *   { "provider": "hmac", "header": "X-Signature", "algorithm": "sha256", "encoding": "hex", "prefix": "sha256=",
 *     "template": "{timestamp}.{body}", "timestampHeader": "X-Timestamp", "toleranceSeconds": 300 }
 * The template may use {body} (the raw bytes), {timestamp}, {method} and {url} (the public URL called). A
 * timestamp is checked only when it is signed: an unsigned one proves nothing, so that setting is refused.
 * Asana is this scheme: header X-Hook-Signature, sha256, hex, template {body}, with `hookSecret: true` to take
 * its secret from the X-Hook-Secret handshake (handshakes.ts).
 */
import { z } from 'zod';
import { parseJson, textAt } from './body-fields';
import { anySignatureMatches, hmacDigest, SIGNATURE_MISMATCH } from './hmac';
import { calledUrl } from './request-url';
import { DEFAULT_TOLERANCE_SECONDS, parseTimestamp, staleReason, type InboundRequest, type Verifier, type VerifierSettings } from './verifier';

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/, 'must be an HTTP header name');

export const genericHmacSettings = z.object({
  header: headerName,
  algorithm: z.enum(['sha1', 'sha256', 'sha512']).default('sha256'),
  encoding: z.enum(['hex', 'base64']).default('hex'),
  prefix: z.string().max(64).default(''),
  template: z.string().min(1).max(512).default('{body}'),
  timestampHeader: headerName.optional(),
  timestampUnit: z.enum(['s', 'ms']).default('s'),
  toleranceSeconds: z.number().int().positive().default(DEFAULT_TOLERANCE_SECONDS),
  deliveryIdHeader: headerName.optional(),
  /** Dotted path of the provider's delivery id in a JSON body, e.g. `id` or `event.id`. */
  deliveryIdField: z.string().min(1).max(200).optional(),
  url: z.string().url().optional(),
  /** Take the secret from an X-Hook-Secret handshake (Asana); see handshakes.ts. */
  hookSecret: z.boolean().optional(),
  /** Until when (epoch ms) that handshake is expected: bounds the time a stranger could get there first. */
  hookSecretUntil: z.number().int().positive().optional(),
});

export type GenericHmacSettings = z.infer<typeof genericHmacSettings>;

const PLACEHOLDER = /\{(body|timestamp|method|url)\}/g;

export function parseGenericHmacSettings(settings: VerifierSettings): { ok: true; value: GenericHmacSettings } | { ok: false; problem: string } {
  const parsed = genericHmacSettings.safeParse(settings);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, problem: `${issue.path.join('.') || 'settings'}: ${issue.message}` };
  }
  const value = parsed.data;
  const signsTimestamp = value.template.includes('{timestamp}');
  if (signsTimestamp && !value.timestampHeader) return { ok: false, problem: 'the template signs {timestamp}, so timestampHeader must name the header that carries it' };
  if (value.timestampHeader && !signsTimestamp) return { ok: false, problem: 'timestampHeader is set but the template does not sign {timestamp}; an unsigned timestamp proves nothing' };
  return { ok: true, value };
}

/** The signed message: the template with its placeholders filled, the body as its raw bytes. */
export function signedMessage(template: string, request: InboundRequest, timestamp: string, url: string): Buffer {
  const pieces: Buffer[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    pieces.push(Buffer.from(template.slice(last, match.index)));
    const name = match[1];
    pieces.push(name === 'body' ? request.body : Buffer.from(name === 'timestamp' ? timestamp : name === 'method' ? request.method : url));
    last = match.index + match[0].length;
  }
  pieces.push(Buffer.from(template.slice(last)));
  return Buffer.concat(pieces);
}

/** A header by a name the user configured: own properties only, so no name can reach the object's prototype. */
function headerValue(request: InboundRequest, name: string): string | undefined {
  const key = name.toLowerCase();
  const value = Object.hasOwn(request.headers, key) ? request.headers[key] : undefined;
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

function deliveryIdOf(request: InboundRequest, s: GenericHmacSettings): string | null {
  if (s.deliveryIdHeader) return headerValue(request, s.deliveryIdHeader) ?? null;
  if (s.deliveryIdField) return textAt(parseJson(request.body), s.deliveryIdField);
  return null;
}

export const genericHmacVerifier: Verifier = {
  provider: 'hmac',
  authenticates: true,
  contentTypes: ['application/json', 'application/x-www-form-urlencoded'],
  settingsProblem(settings) {
    const parsed = parseGenericHmacSettings(settings);
    return parsed.ok ? null : parsed.problem;
  },
  verify(request, secrets, now, settings) {
    const parsed = parseGenericHmacSettings(settings ?? { provider: 'hmac' });
    if (!parsed.ok) return { ok: false, reason: `the endpoint's hmac settings are incomplete: ${parsed.problem}` };
    const s = parsed.value;
    const header = headerValue(request, s.header);
    if (!header) return { ok: false, reason: `the ${s.header} header is missing` };
    let timestamp = '';
    if (s.timestampHeader) {
      timestamp = headerValue(request, s.timestampHeader) ?? '';
      if (!timestamp) return { ok: false, reason: `the ${s.timestampHeader} header is missing` };
      const seconds = parseTimestamp(timestamp) / (s.timestampUnit === 'ms' ? 1000 : 1);
      const stale = staleReason(seconds, now, s.toleranceSeconds);
      if (stale) return { ok: false, reason: stale };
    }
    // Several signatures may be listed (a sender mid-rotation); hex is compared without regard to case.
    const given = header.split(/[\s,]+/).filter(Boolean).map((sig) => (s.encoding === 'hex' ? sig.toLowerCase() : sig));
    const url = s.template.includes('{url}') ? calledUrl(request, { provider: 'hmac', url: s.url }) : '';
    const message = signedMessage(s.template, request, timestamp, url);
    const expected = (secret: string) => {
      const digest = hmacDigest(s.algorithm, secret, message, s.encoding);
      return s.encoding === 'hex' ? `${s.prefix}${digest}`.toLowerCase() : `${s.prefix}${digest}`;
    };
    if (!anySignatureMatches(given, secrets, expected)) return { ok: false, reason: SIGNATURE_MISMATCH };
    return { ok: true, deliveryId: deliveryIdOf(request, s) };
  },
};
