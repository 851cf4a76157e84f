/**
 * Redaction happens before anything is written. A secret is replaced by a marker carrying a short hash prefix,
 * so two entries that used the same credential can still be matched without revealing it.
 */
import { createHash } from 'node:crypto';

/** Header names whose values are credentials or session state. */
const SECRET_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key', 'api-key', 'x-auth-token',
  'x-hook-secret', 'x-slack-bot-token', 'x-goog-api-key',
]);

export function redactionMarker(value: string): string {
  return `[redacted:${createHash('sha256').update(value).digest('hex').slice(0, 8)}]`;
}

/** Keeps the scheme of an Authorization value (`Bearer [redacted:…]`): it says which kind of credential was sent. */
function redactHeaderValue(name: string, value: string): string {
  if (name === 'authorization' || name === 'proxy-authorization') {
    const space = value.indexOf(' ');
    if (space > 0) return `${value.slice(0, space)} ${redactionMarker(value.slice(space + 1))}`;
  }
  return redactionMarker(value);
}

export function redactHeaders<T extends string | string[] | undefined>(headers: Record<string, T>): Record<string, T | string | string[]> {
  const out: Record<string, T | string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (value === undefined || !SECRET_HEADERS.has(lower)) out[name] = value;
    else out[name] = Array.isArray(value) ? value.map((v) => redactHeaderValue(lower, v)) : redactHeaderValue(lower, value);
  }
  return out;
}

/**
 * Replaces every occurrence of a known secret value in text. Belt and braces: a token an SDK put in a form
 * body or a URL is caught even though no header rule names it.
 */
export class SecretScrubber {
  private readonly secrets = new Set<string>();

  remember(value: string | null | undefined): void {
    // Very short values would match ordinary text; real credentials are long.
    if (value && value.length >= 8) this.secrets.add(value);
  }

  scrub(text: string): string {
    let out = text;
    for (const secret of this.secrets) if (out.includes(secret)) out = out.split(secret).join(redactionMarker(secret));
    return out;
  }
}

/**
 * OAuth 2.0 token requests and answers carry credentials in their bodies, not in headers: a client secret, an
 * authorization code and its PKCE verifier, a refresh token, a JWT assertion going out (RFC 6749 §4.1.3, §6; RFC 7636;
 * RFC 7523), and fresh tokens coming back (§5.1). A new access token is unknown to the scrubber when its answer is
 * recorded, so these fields are redacted by name.
 */
const CREDENTIAL_JSON_FIELDS = ['access_token', 'refresh_token', 'id_token', 'client_secret', 'private_key', 'assertion', 'code_verifier'];
/** In a form-encoded token request `code` is the one-time authorization code. */
const CREDENTIAL_FORM_FIELDS = new Set([...CREDENTIAL_JSON_FIELDS, 'code', 'client_assertion', 'password']);
const JSON_FIELD = new RegExp(`"(${CREDENTIAL_JSON_FIELDS.join('|')})"(\\s*:\\s*)"((?:[^"\\\\]|\\\\.)*)"`, 'g');
/** A form body that is a token request (or carries a client secret) is redacted; no other form is touched. */
const TOKEN_FORM = /(^|&)(grant_type|client_secret|assertion)=/;

export function redactCredentialFields(text: string): string {
  const body = text.trimStart();
  if (body.startsWith('{') || body.startsWith('[')) {
    // Only the values change, so the rest of the body stays byte for byte as sent.
    return text.replace(JSON_FIELD, (_all, name: string, colon: string, value: string) => `"${name}"${colon}"${redactionMarker(value)}"`);
  }
  if (!TOKEN_FORM.test(text) || /\s/.test(text)) return text;
  return text
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0 || !CREDENTIAL_FORM_FIELDS.has(formDecode(pair.slice(0, eq)))) return pair;
      return `${pair.slice(0, eq)}=${redactionMarker(formDecode(pair.slice(eq + 1)))}`;
    })
    .join('&');
}

function formDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text; // malformed escapes: the text as it is
  }
}
