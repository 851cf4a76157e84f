/**
 * A google-auth-library client for each kind of Google credential. It fetches and refreshes access tokens itself:
 * a sign-in's refresh token through `OAuth2Client`, a service-account key through `JWT` (the JWT bearer grant),
 * both ahead of expiry. Its own retries are off: the engine alone decides what happens after a failure.
 */
import { JWT, OAuth2Client } from 'google-auth-library';
import type { OAuthEndpoints } from '../settings';
import type { GoogleCredential } from './credential';
import { DRIVE_SCOPE, routeTokenRequests } from './endpoints';

export interface GoogleAuthSettings {
  oauth: OAuthEndpoints;
  /** Every request the client makes, token requests included (the recording fetch). */
  fetch: typeof fetch;
}

export function clientOptions(settings: GoogleAuthSettings) {
  return {
    endpoints: { oauth2AuthBaseUrl: settings.oauth.authorizationUrl, oauth2TokenUrl: settings.oauth.tokenUrl },
    transporterOptions: {
      fetchImplementation: routeTokenRequests(settings.fetch, settings.oauth.tokenUrl),
      // gtoken asks for retries of its token POST; a zero here wins when the options are merged.
      retryConfig: { retry: 0, noResponseRetries: 0 },
      timeout: 30_000,
    },
  };
}

export function googleAuthClient(credential: GoogleCredential, settings: GoogleAuthSettings): OAuth2Client {
  const options = clientOptions(settings);
  switch (credential.kind) {
    case 'token': {
      const client = new OAuth2Client(options);
      client.setCredentials({ access_token: credential.accessToken });
      return client;
    }
    case 'oauth': {
      const client = new OAuth2Client({ ...options, clientId: credential.clientId, clientSecret: credential.clientSecret });
      client.setCredentials({ refresh_token: credential.refreshToken });
      return client;
    }
    case 'service_account':
      return new JWT({
        ...options, email: credential.clientEmail, key: credential.privateKey, scopes: [DRIVE_SCOPE],
        ...(credential.privateKeyId && { keyId: credential.privateKeyId }), ...(credential.subject && { subject: credential.subject }),
      });
  }
}

/** Makes the client fetch a new access token before its next call (one Google refused, or a connection test). */
export function forgetAccessToken(client: OAuth2Client): void {
  // An expiry in the past (not 0, which reads as "no expiry") makes both clients refresh, and gtoken skip its cache.
  client.credentials = { ...client.credentials, expiry_date: 1 };
}
