/**
 * "Copy as cURL" for a recorded exchange. Secrets were redacted at record time (`[redacted:xxxxxxxx]`); each
 * marker becomes a shell variable named after the connector (`$STRIPE_KEY`, then `$STRIPE_KEY_2` for a second
 * distinct secret), so the command is safe to paste into a ticket and runs once the variable is exported.
 * Literal text is single-quoted; variables sit outside the quotes in double quotes, so the shell expands them.
 */
import type { ExchangeView } from '../../../preload/api';
import { REDACTION } from './body';

/** Headers curl computes itself; copying them would make the command wrong after an edit. */
const DROPPED = new Set(['host', 'content-length', 'connection', 'accept-encoding']);

export function secretVariable(connector: string, index: number): string {
  const base = connector
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return `${base || 'SECRET'}_KEY${index > 1 ? `_${index}` : ''}`;
}

export function singleQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Quotes `text` for a POSIX shell, turning each redaction marker into its variable. */
export function quoteWithSecrets(text: string, variableFor: (marker: string) => string): string {
  const parts: string[] = [];
  let last = 0;
  for (const match of text.matchAll(new RegExp(REDACTION.source, 'g'))) {
    const at = match.index;
    if (at > last) parts.push(singleQuote(text.slice(last, at)));
    parts.push(`"$${variableFor(match[0])}"`);
    last = at + match[0].length;
  }
  if (last < text.length || parts.length === 0) parts.push(singleQuote(text.slice(last)));
  return parts.join('');
}

export interface CurlCommand {
  command: string;
  /** The variables the command expects, in order of first use. */
  variables: string[];
}

export function buildCurl(exchange: Pick<ExchangeView, 'connector' | 'request'>): CurlCommand {
  const variables = new Map<string, string>();
  const variableFor = (marker: string) => {
    let name = variables.get(marker);
    if (!name) {
      name = secretVariable(exchange.connector, variables.size + 1);
      variables.set(marker, name);
    }
    return name;
  };
  const { request } = exchange;
  const lines = [`curl -X ${request.method.toUpperCase()} ${quoteWithSecrets(request.url, variableFor)}`];
  for (const [name, raw] of Object.entries(request.headers)) {
    if (DROPPED.has(name.toLowerCase())) continue;
    for (const value of Array.isArray(raw) ? raw : [raw]) {
      lines.push(`-H ${quoteWithSecrets(`${name}: ${value}`, variableFor)}`);
    }
  }
  const notes: string[] = [];
  const body = request.body;
  if (body.encoding === 'base64' && body.bytes > 0) {
    notes.push(`# the ${body.bytes}-byte binary body is not included`);
  } else if (body.text !== '') {
    lines.push(`--data-binary ${quoteWithSecrets(body.text, variableFor)}`);
    if (body.truncated) notes.push(`# the body was cut at the recording limit (${body.bytes} bytes in full)`);
  }
  const names = [...variables.values()];
  const preface = names.length ? [`# export ${names.join(' ')} first (the recorded values were redacted)`] : [];
  const command = [...preface, lines.join(' \\\n  '), ...notes].join('\n');
  return { command, variables: names };
}
