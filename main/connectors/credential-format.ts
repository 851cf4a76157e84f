/**
 * What a connector's credential looks like: the kinds it accepts, how a pasted value is checked before it reaches
 * the keychain, what the console may know about it, and which parts of it are secrets on their own. Most
 * providers take one pasted token or key; Google also takes an OAuth sign-in or a service-account key.
 */

/** `token`: a pasted key or access token; `oauth`: a sign-in's refresh token and client; `service_account`: a key file. */
export type CredentialKind = 'token' | 'oauth' | 'service_account';

/** What the console may show about a stored credential: never a secret. */
export interface CredentialFacts {
  kind: CredentialKind;
  /** Who it acts as, when the credential itself says (a service account's email, an OAuth client id). */
  account: string | null;
  /** Last four characters of its identifying secret or key id. */
  lastFour: string;
}

/** A value that cannot be this credential; the message names the problem (a missing field, a wrong kind) and the fix. */
export class CredentialFormatError extends Error {
  override name = 'CredentialFormatError';
}

export interface CredentialFormat {
  kinds: CredentialKind[];
  /**
   * Checks a pasted value (as `kind`, when the user chose one) and returns what goes to the keychain. Throws
   * CredentialFormatError.
   */
  prepare(value: string, options: { kind?: CredentialKind | undefined; impersonate?: string | undefined }): string;
  /** Facts about a stored value, or null when it cannot be read as any kind (the connection test says why). */
  describe(value: string): CredentialFacts | null;
  /** Substrings that are secrets by themselves (a refresh token inside a JSON document), to scrub from records. */
  secrets(value: string): string[];
}

/** A single pasted token or key: Stripe, Asana, Slack. */
export function tokenFormat(title: string): CredentialFormat {
  return {
    kinds: ['token'],
    prepare(value, { kind, impersonate }) {
      if (kind !== undefined && kind !== 'token') throw new CredentialFormatError(`${title} takes a pasted key or token, not a ${kindName(kind)}.`);
      if (impersonate !== undefined) throw new CredentialFormatError(`${title}'s credential cannot act as another user: leave "impersonate" empty.`);
      return value;
    },
    describe: (value) => ({ kind: 'token', account: null, lastFour: value.slice(-4) }),
    secrets: (value) => [value],
  };
}

export function kindName(kind: CredentialKind): string {
  return { token: 'pasted token', oauth: 'OAuth sign-in', service_account: 'service-account key' }[kind];
}
