/**
 * The Google credential as it sits in the keychain (entry `google`, or `KEEL_SECRET_GOOGLE` on a server), in one of
 * the three forms Google itself uses, so a file from Google works as it is:
 * - an OAuth access token (`ya29.…`), pasted: works until it expires, about an hour;
 * - an `authorized_user` JSON (client id, client secret, refresh token), written by Keel's "Sign in with Google" —
 *   the same shape gcloud writes for application-default credentials;
 * - a `service_account` JSON key as Google Cloud console downloads it, with an optional `subject`: the user it
 *   impersonates through domain-wide delegation.
 */
import { createPrivateKey } from 'node:crypto';
import { CredentialFormatError, kindName, type CredentialFacts, type CredentialFormat, type CredentialKind } from '../credential-format';

export type GoogleCredential =
  | { kind: 'token'; accessToken: string }
  | { kind: 'oauth'; clientId: string; clientSecret: string; refreshToken: string }
  | { kind: 'service_account'; clientEmail: string; privateKey: string; privateKeyId: string | null; subject: string | null };

const KEY_HELP = 'Paste the whole JSON key file as Google Cloud console downloads it (IAM & Admin → Service accounts → Keys → Add key → JSON).';
const SIGN_IN_HELP = 'Use "Sign in with Google" in Connections to make a new one.';

/** Reads a stored or pasted value; with `expected`, a value of another kind is refused with words for it. */
export function parseGoogleCredential(value: string, expected?: CredentialKind): GoogleCredential {
  const text = value.trim();
  const credential = text.startsWith('{') ? fromJson(text, expected) : accessToken(text, expected);
  if (expected !== undefined && credential.kind !== expected) {
    throw new CredentialFormatError(`This is ${article(credential.kind)}, not ${article(expected)}: choose "${kindName(credential.kind)}" instead.`);
  }
  return credential;
}

/** What a successful sign-in stores. */
export function authorizedUserJson(c: { clientId: string; clientSecret: string; refreshToken: string }): string {
  return JSON.stringify({ type: 'authorized_user', client_id: c.clientId, client_secret: c.clientSecret, refresh_token: c.refreshToken });
}

export const googleCredentialFormat: CredentialFormat = {
  kinds: ['token', 'oauth', 'service_account'],
  prepare(value, { kind, impersonate }) {
    const credential = parseGoogleCredential(value, kind);
    if (impersonate === undefined) return value.trim();
    if (credential.kind !== 'service_account') {
      throw new CredentialFormatError('Only a service account can act as another user (domain-wide delegation): leave "impersonate" empty for this credential.');
    }
    return JSON.stringify({ ...(JSON.parse(value) as Record<string, unknown>), subject: impersonate });
  },
  describe(value) {
    try {
      return facts(parseGoogleCredential(value));
    } catch {
      return null;
    }
  },
  secrets(value) {
    try {
      const c = parseGoogleCredential(value);
      if (c.kind === 'token') return [c.accessToken];
      if (c.kind === 'oauth') return [c.clientSecret, c.refreshToken];
      return [c.privateKey];
    } catch {
      return [value];
    }
  },
};

function facts(c: GoogleCredential): CredentialFacts {
  switch (c.kind) {
    case 'token':
      return { kind: 'token', account: null, lastFour: c.accessToken.slice(-4) };
    case 'oauth':
      return { kind: 'oauth', account: `OAuth client ${c.clientId}`, lastFour: c.refreshToken.slice(-4) };
    case 'service_account':
      return {
        kind: 'service_account',
        account: c.subject ? `${c.clientEmail}, acting as ${c.subject}` : c.clientEmail,
        lastFour: (c.privateKeyId ?? c.clientEmail).slice(-4),
      };
  }
}

function accessToken(text: string, expected: CredentialKind | undefined): GoogleCredential {
  if (expected === 'service_account' || expected === 'oauth') {
    throw new CredentialFormatError(`${expected === 'oauth' ? 'An OAuth sign-in' : 'A service-account key'} is a JSON document starting with "{". ${expected === 'oauth' ? SIGN_IN_HELP : KEY_HELP}`);
  }
  if (/\s/.test(text)) throw new CredentialFormatError('An access token is one word with no spaces or line breaks (it starts with "ya29."). Copy it again.');
  return { kind: 'token', accessToken: text };
}

function fromJson(text: string, expected: CredentialKind | undefined): GoogleCredential {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CredentialFormatError(`The Google credential is not valid JSON (${(error as Error).message}). ${expected === 'oauth' ? SIGN_IN_HELP : KEY_HELP}`);
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new CredentialFormatError(`The Google credential is JSON but not an object. ${KEY_HELP}`);
  const doc = parsed as Record<string, unknown>;
  if (doc.installed !== undefined || doc.web !== undefined) {
    throw new CredentialFormatError('This is an OAuth client file, not a credential: give it to "Sign in with Google", which turns it into one.');
  }
  const field = (name: string, what: string, help: string): string => {
    const v = doc[name];
    if (typeof v !== 'string' || !v.trim()) throw new CredentialFormatError(`The ${what} has no "${name}" field. ${help}`);
    return v;
  };
  const optional = (name: string): string | null => (typeof doc[name] === 'string' && doc[name] ? (doc[name] as string) : null);
  if (doc.type === 'authorized_user') {
    return { kind: 'oauth', clientId: field('client_id', 'OAuth sign-in', SIGN_IN_HELP), clientSecret: field('client_secret', 'OAuth sign-in', SIGN_IN_HELP), refreshToken: field('refresh_token', 'OAuth sign-in', SIGN_IN_HELP) };
  }
  if (doc.type !== undefined && doc.type !== 'service_account') {
    throw new CredentialFormatError(`Keel cannot use a Google credential of type "${String(doc.type)}": give it a "service_account" key, or sign in with Google.`);
  }
  if (doc.type === undefined) field('type', 'service-account key', KEY_HELP);
  const clientEmail = field('client_email', 'service-account key', KEY_HELP);
  const privateKey = field('private_key', 'service-account key', KEY_HELP);
  try {
    createPrivateKey(privateKey);
  } catch (error) {
    throw new CredentialFormatError(`The service-account key's "private_key" is not a PEM private key (${(error as Error).message}). ${KEY_HELP}`);
  }
  return { kind: 'service_account', clientEmail, privateKey, privateKeyId: optional('private_key_id'), subject: optional('subject') };
}

function article(kind: CredentialKind): string {
  return kind === 'oauth' ? 'an OAuth sign-in' : `a ${kindName(kind)}`;
}
