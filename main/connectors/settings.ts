/** What every connector is built from: where its API lives, how to read its credential, where exchanges go. */
import type { ExchangeSink } from './recording';

export interface ConnectorSettings {
  /** The provider's API base (a sandbox fake's, in sandbox mode). */
  apiBase: string;
  /** Reads the credential at call time (from the vault); throws ConnectorFailure when it is missing. */
  credential: () => Promise<string>;
  sink: ExchangeSink;
  /** The provider's OAuth endpoints (a sandbox fake's, in sandbox mode), for connectors whose credential uses them. */
  oauth?: OAuthEndpoints;
}

/** Where a provider's OAuth 2.0 authorization and token requests go. */
export interface OAuthEndpoints {
  authorizationUrl: string;
  tokenUrl: string;
}

/** Memoises one SDK client per credential value, so a rotated key takes effect on the next call. */
export function clientPerCredential<C>(make: (credential: string) => C): (credential: string) => C {
  let last: { credential: string; client: C } | undefined;
  return (credential) => {
    if (last?.credential !== credential) last = { credential, client: make(credential) };
    return last.client;
  };
}
