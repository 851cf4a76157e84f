/**
 * The OAuth client a person creates in Google Cloud console (APIs & Services → Credentials → Create OAuth client →
 * Desktop app) and gives Keel to sign in with: pasted as id and secret, or as the JSON file Google lets them
 * download. Desktop clients may redirect to any loopback port, which Keel's sign-in needs.
 */
import { CredentialFormatError } from '../credential-format';

export interface OAuthClient {
  clientId: string;
  clientSecret: string;
}

const WHERE = 'Google Cloud console → APIs & Services → Credentials → Create OAuth client → Desktop app';

export function parseOAuthClient(given: { json?: string | undefined; clientId?: string | undefined; clientSecret?: string | undefined }): OAuthClient {
  if (given.json !== undefined) return fromJson(given.json);
  if (!given.clientId) throw new CredentialFormatError(`The OAuth client id is missing. Copy it (it ends in .apps.googleusercontent.com) from ${WHERE}.`);
  if (!given.clientSecret) throw new CredentialFormatError(`The OAuth client secret is missing. Copy it from the same client in ${WHERE}.`);
  return { clientId: given.clientId.trim(), clientSecret: given.clientSecret.trim() };
}

function fromJson(text: string): OAuthClient {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CredentialFormatError(`The OAuth client file is not valid JSON (${(error as Error).message}). Paste the whole file downloaded from ${WHERE}.`);
  }
  const doc = (parsed ?? {}) as Record<string, unknown>;
  if (doc.web !== undefined) {
    throw new CredentialFormatError(`This is a "Web application" OAuth client; Keel signs in as an installed app. Create a client of type Desktop app (${WHERE}).`);
  }
  if (doc.type === 'service_account') {
    throw new CredentialFormatError('This is a service-account key, not an OAuth client: paste it under "Service-account key" instead of signing in.');
  }
  const installed = doc.installed;
  if (!installed || typeof installed !== 'object') {
    throw new CredentialFormatError(`The OAuth client file has no "installed" section. Download the JSON of a Desktop app client (${WHERE}).`);
  }
  const fields = installed as Record<string, unknown>;
  for (const field of ['client_id', 'client_secret'] as const) {
    if (typeof fields[field] !== 'string' || !fields[field]) throw new CredentialFormatError(`The OAuth client file has no "installed.${field}" field. Download it again from ${WHERE}.`);
  }
  return { clientId: fields.client_id as string, clientSecret: fields.client_secret as string };
}
