/**
 * Google's OAuth endpoints and Drive scope. Like the API base (`KEEL_GOOGLE_API_BASE`), the endpoints can be
 * pointed elsewhere — a proxy, or the sandbox's fake — with `KEEL_GOOGLE_AUTH_URL` and `KEEL_GOOGLE_TOKEN_URL`.
 */
import type { OAuthEndpoints } from '../settings';

export const GOOGLE_OAUTH = {
  authorizationEnv: 'KEEL_GOOGLE_AUTH_URL',
  tokenEnv: 'KEEL_GOOGLE_TOKEN_URL',
  authorizationUrl: 'https://accounts.google.com/o/oauth2/v2/auth',
  tokenUrl: 'https://oauth2.googleapis.com/token',
} as const;

export const GOOGLE_ENDPOINTS: OAuthEndpoints = { authorizationUrl: GOOGLE_OAUTH.authorizationUrl, tokenUrl: GOOGLE_OAUTH.tokenUrl };

/** Full Drive access: the onboarding creates folders anywhere the user points and shares them. */
export const DRIVE_SCOPE = 'https://www.googleapis.com/auth/drive';

/**
 * google-auth-library's service-account client (through gtoken) always posts its JWT to Google's token URL, whatever
 * the client's endpoints say. This fetch sends those requests to the configured token endpoint instead, so every
 * grant follows `KEEL_GOOGLE_TOKEN_URL`. The assertion's `aud` stays Google's token URL, which is what Google checks.
 */
export function routeTokenRequests(base: typeof fetch, tokenUrl: string): typeof fetch {
  if (tokenUrl === GOOGLE_OAUTH.tokenUrl) return base;
  return (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    if (url !== GOOGLE_OAUTH.tokenUrl) return base(input, init);
    return base(input instanceof Request ? new Request(tokenUrl, input) : tokenUrl, init);
  };
}
