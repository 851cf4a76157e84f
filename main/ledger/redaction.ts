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
