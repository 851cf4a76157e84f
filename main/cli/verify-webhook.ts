/**
 * `keel verify-webhook`: would this delivery be accepted, and if not, why? Runs the same verifier the intake
 * runs, on a body and headers the user captured (from the provider's dashboard, a log, a proxy), and prints
 * one line. Exit 0 accepted, 1 rejected, 2 bad usage.
 */
import fs from 'node:fs';
import { verifierFor, verifierNames, type InboundRequest, type VerifierSettings } from '../intake/verifiers';
import { mediaType } from '../intake/verifiers/body-fields';
import { integerOption, UsageError, type Command } from './command';

const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : typeof value === 'string' ? [value] : [];
}

function parseHeaders(values: string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of values) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).trim();
    if (colon <= 0 || !HEADER_NAME.test(name)) throw new UsageError(`--header must look like 'Name: value', not "${line}".`);
    const key = name.toLowerCase();
    // Repeated headers are joined as HTTP joins them, which is also what the intake sees.
    headers[key] = headers[key] === undefined ? line.slice(colon + 1).trim() : `${headers[key]}, ${line.slice(colon + 1).trim()}`;
  }
  return headers;
}

/** `name=value` pairs; `true`/`false` and whole numbers become what the endpoint's JSON settings would hold. */
function parseSettings(provider: string, values: string[]): VerifierSettings {
  const settings: VerifierSettings = { provider };
  for (const pair of values) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--setting must look like name=value, not "${pair}".`);
    const [name, raw] = [pair.slice(0, eq).trim(), pair.slice(eq + 1)];
    settings[name] = raw === 'true' ? true : raw === 'false' ? false : /^\d{1,15}$/.test(raw) ? Number(raw) : raw;
  }
  return settings;
}

function readBody(file: unknown): Buffer {
  if (typeof file !== 'string' || !file) throw new UsageError('--body-file is required: the raw body exactly as the provider sent it (- reads standard input).');
  try {
    return fs.readFileSync(file === '-' ? 0 : file);
  } catch (error) {
    throw new UsageError(`--body-file: cannot read "${file}" (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

/** A path, or a full URL for schemes that sign it (HubSpot, an hmac template with {url}). */
function target(value: unknown): Pick<InboundRequest, 'url' | 'publicUrl'> {
  if (value === undefined) return { url: '/hooks/endpoint' };
  const text = String(value);
  if (text.startsWith('/')) return { url: text };
  try {
    const url = new URL(text);
    return { url: `${url.pathname}${url.search}`, publicUrl: url.toString() };
  } catch {
    throw new UsageError(`--url must be a path (/hooks/x) or a full URL (https://...), not "${text}".`);
  }
}

export const verifyWebhookCommand: Command = {
  name: 'verify-webhook',
  summary: 'Say whether a captured delivery would be accepted, and if not, why',
  usage: [
    '--provider P          ' + 'one of: ' + verifierNames().join(', '),
    '--secret S            the signing secret; repeat to try several (a rotation)',
    '--body-file F         the raw body exactly as sent (- reads standard input)',
    "--header 'Name: v'    a header as received; repeat for each",
    '--method M            default POST',
    '--url URL             the path, or the full public URL for schemes that sign it',
    '--now SECONDS         Unix time to check the timestamp against (default: now)',
    '--setting name=value  a verifier setting (hmac: header, algorithm, encoding, ...); repeat',
  ],
  options: {
    provider: { type: 'string' }, secret: { type: 'string', multiple: true }, 'body-file': { type: 'string' },
    header: { type: 'string', multiple: true }, method: { type: 'string' }, url: { type: 'string' }, now: { type: 'string' },
    setting: { type: 'string', multiple: true },
  },
  async run({ options, print }) {
    const provider = options.provider;
    if (typeof provider !== 'string' || !provider) throw new UsageError(`--provider is required: one of ${verifierNames().join(', ')}.`);
    const verifier = verifierFor(provider);
    if (!verifier) throw new UsageError(`--provider "${provider}" is not one Keel knows; use one of ${verifierNames().join(', ')}.`);
    const secrets = list(options.secret);
    if (verifier.authenticates && !secrets.some((s) => s.length > 0)) throw new UsageError(`--secret is required for ${provider}.`);
    const settings = parseSettings(provider, list(options.setting));
    const problem = verifier.settingsProblem?.(settings);
    if (problem) throw new UsageError(`--setting: ${problem}.`);
    const method = typeof options.method === 'string' ? options.method.toUpperCase() : 'POST';
    if (!/^[A-Z]+$/.test(method)) throw new UsageError(`--method must be an HTTP method such as POST, not "${String(options.method)}".`);
    const now = integerOption(options.now, 'now', Math.floor(Date.now() / 1000));
    const request: InboundRequest = { method, ...target(options.url), headers: parseHeaders(list(options.header)), body: readBody(options['body-file']) };

    // The checks the intake makes before the signature, in the same order, so the answer is the intake's.
    const type = mediaType(request.headers['content-type']);
    if (method !== 'POST') return reject(print, `webhooks must be sent with POST, not ${method}`);
    if (type && !verifier.contentTypes.includes(type) && !(type.endsWith('+json') && verifier.contentTypes.includes('application/json'))) {
      return reject(print, `the content type is "${type}"; ${provider} endpoints accept ${verifier.contentTypes.join(' or ')}`);
    }
    const verdict = verifier.verify(request, secrets.filter(Boolean), now, settings);
    if (!verdict.ok) return reject(print, verdict.reason);
    const id = verdict.deliveryId === null ? 'no delivery id, so repeats of it would not be recognised as duplicates' : `delivery id ${verdict.deliveryId}`;
    print(verifier.authenticates ? `accepted: the ${provider} signature is valid; ${id}` : `accepted: "${provider}" checks nothing (unsafe); ${id}`);
    return 0;
  },
};

function reject(print: (line: string) => void, reason: string): number {
  print(`rejected: ${reason}`);
  return 1;
}
