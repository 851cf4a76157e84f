/**
 * A local Google OAuth 2.0 server: the authorization endpoint (`/o/oauth2/v2/auth`, accounts.google.com's) and the
 * token endpoint (`/token`, oauth2.googleapis.com's), answering like Google. The authorization endpoint stands in
 * for the consent screen: it redirects straight back to the loopback `redirect_uri` with a code (or with
 * `error=access_denied` when the test says the user declines). The token endpoint serves the three grants Keel
 * uses: `authorization_code` (with PKCE), `refresh_token`, and the service-account JWT bearer grant. The access
 * tokens it issues are the ones the Drive fake then accepts (`tokens`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { FakeServer, Router, type ErrorAction, type FakeRequest, type FakeResponse, type FakeServerOptions } from './fake-server';
import { AssertionError, publicKeyOf, verifyAssertion, type RegisteredServiceAccount } from './google-jwt';
import { GoogleTokenRegistry } from './google-tokens';
import { ALNUM, DIGITS, randomString, URLSAFE } from './random';

export const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CODE_LIFETIME_MS = 10 * 60_000;

export type GoogleOAuthFakeOptions = FakeServerOptions;

export interface OAuthClientRegistration {
  clientId: string;
  clientSecret: string;
  /** The client file Google Cloud console lets you download for a Desktop app client. */
  json: string;
}

interface AuthorizationCode {
  clientId: string;
  redirectUri: string;
  scope: string;
  challenge: { value: string; method: 'S256' | 'plain' } | null;
  expiresAt: number;
  used: boolean;
}

interface RefreshGrant {
  clientId: string;
  scope: string;
  revoked: boolean;
}

/** Google's token-endpoint refusal: `{ error, error_description }` with the status it uses for that error. */
class OAuthError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    description: string,
  ) {
    super(description);
  }
}

type Handler = (req: FakeRequest) => FakeResponse;

export class GoogleOAuthFake extends FakeServer {
  /** Access tokens issued here; give it to the Drive fake so it accepts exactly these. */
  readonly tokens = new GoogleTokenRegistry();
  /** What the stand-in consent screen answers: the user allows, or declines (`error=access_denied`). */
  consent: 'allow' | 'deny' = 'allow';
  /** Scopes the user unticks on Google's granular consent screen: asked for, not granted. */
  withheldScopes: string[] = [];
  private readonly clients = new Map<string, OAuthClientRegistration>();
  private readonly accounts = new Map<string, RegisteredServiceAccount>();
  private codes = new Map<string, AuthorizationCode>();
  private refreshGrants = new Map<string, RefreshGrant>();
  private readonly router = new Router<Handler>();

  constructor(options: GoogleOAuthFakeOptions = {}) {
    super(options);
    this.router
      .on('GET', /^\/o\/oauth2\/(v2\/)?auth$/, (r) => this.authorize(r))
      .on('POST', /^\/token$/, (r) => this.token(r));
  }

  /** Where a client points its authorization and token requests. */
  get connection(): { authorizationUrl: string; tokenUrl: string } {
    return { authorizationUrl: `${this.origin}/o/oauth2/v2/auth`, tokenUrl: `${this.origin}/token` };
  }

  /** Creates a Desktop app OAuth client, as Google Cloud console → Credentials → Create OAuth client does. */
  registerClient(given: { clientId?: string; clientSecret?: string } = {}): OAuthClientRegistration {
    const clientId = given.clientId ?? `${randomString(this.rng, 12, DIGITS)}-${randomString(this.rng, 32, ALNUM).toLowerCase()}.apps.googleusercontent.com`;
    const clientSecret = given.clientSecret ?? `GOCSPX-${randomString(this.rng, 28, URLSAFE)}`;
    const json = JSON.stringify({
      installed: {
        client_id: clientId, project_id: 'keel-sandbox', auth_uri: this.connection.authorizationUrl, token_uri: this.connection.tokenUrl,
        auth_provider_x509_cert_url: 'https://www.googleapis.com/oauth2/v1/certs', client_secret: clientSecret, redirect_uris: ['http://localhost'],
      },
    });
    const registration = { clientId, clientSecret, json };
    this.clients.set(clientId, registration);
    return registration;
  }

  /** Registers a service account's public key (the private half stays with the caller, like a downloaded key). */
  registerServiceAccount(account: { clientEmail: string; publicKey: string | KeyObject; domainWideDelegation?: boolean }): void {
    const known = this.accounts.get(account.clientEmail);
    const key = publicKeyOf(account.publicKey);
    this.accounts.set(account.clientEmail, {
      clientEmail: account.clientEmail,
      publicKeys: [...(known?.publicKeys ?? []), key],
      domainWideDelegation: account.domainWideDelegation ?? known?.domainWideDelegation ?? false,
    });
  }

  /** Refresh tokens issued so far (a test checks where they ended up). */
  refreshTokens(): string[] {
    return [...this.refreshGrants.keys()];
  }

  /** The user removes the app's access at myaccount.google.com/permissions: refresh tokens stop working. */
  revokeRefreshTokens(): void {
    for (const grant of this.refreshGrants.values()) grant.revoked = true;
  }

  /** Registrations (clients, service accounts) are configuration and survive; grants and tokens do not. */
  protected resetState(): void {
    this.codes = new Map();
    this.refreshGrants = new Map();
    this.tokens.clear();
    this.consent = 'allow';
    this.withheldScopes = [];
  }

  protected override decorate(res: FakeResponse, req: FakeRequest): void {
    if (req.path === '/token') res.headers = { 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate', pragma: 'no-cache', ...res.headers };
  }

  protected route(req: FakeRequest): FakeResponse {
    const found = this.router.find(req.method, req.path);
    if (!found) return { status: 404, body: errorPage(404, 'not_found', `The requested URL ${req.path} was not found on this server.`), headers: HTML };
    try {
      return found.handler(req);
    } catch (error) {
      if (error instanceof OAuthError || error instanceof AssertionError) return oauthError(error.status, error.error, error.message);
      throw error;
    }
  }

  protected errorResponse(action: ErrorAction): FakeResponse {
    const status = action.status === 200 ? 400 : action.status;
    const error = status === 429 ? 'rate_limit_exceeded' : status >= 500 ? 'internal_failure' : 'invalid_request';
    const response = oauthError(status, error, action.message ?? (status >= 500 ? 'Backend Error' : 'Bad Request'));
    if (action.retryAfterSeconds !== undefined) response.headers = { ...response.headers, 'retry-after': String(action.retryAfterSeconds) };
    return response;
  }

  /** The consent screen's stand-in. Problems with the request itself are error pages, as Google shows them. */
  private authorize(req: FakeRequest): FakeResponse {
    const q = req.query;
    const clientId = q.get('client_id') ?? '';
    if (!this.clients.has(clientId)) return { status: 401, body: errorPage(401, 'invalid_client', 'The OAuth client was not found.'), headers: HTML };
    const redirectUri = q.get('redirect_uri') ?? '';
    if (!isLoopback(redirectUri)) {
      return { status: 400, body: errorPage(400, 'redirect_uri_mismatch', `You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. redirect_uri=${redirectUri}`), headers: HTML };
    }
    const scope = (q.get('scope') ?? '').trim();
    if (!scope) return { status: 400, body: errorPage(400, 'invalid_request', 'Missing required parameter: scope'), headers: HTML };
    const method = q.get('code_challenge_method') ?? (q.get('code_challenge') ? 'plain' : null);
    if (method !== null && method !== 'S256' && method !== 'plain') {
      return { status: 400, body: errorPage(400, 'invalid_request', `Invalid code_challenge_method: ${method}`), headers: HTML };
    }
    const state = q.get('state');
    const back = (params: Record<string, string>) => {
      const url = new URL(redirectUri);
      for (const [k, v] of Object.entries({ ...params, ...(state !== null && { state }) })) url.searchParams.set(k, v);
      return { status: 302, headers: { location: url.href, ...HTML }, body: '' };
    };
    if (q.get('response_type') !== 'code') return back({ error: 'unsupported_response_type' });
    if (this.consent === 'deny') return back({ error: 'access_denied' });
    const granted = scope.split(/\s+/).filter((s) => !this.withheldScopes.includes(s)).join(' ');
    const code = `4/0${randomString(this.rng, 70, URLSAFE)}`;
    const challenge = q.get('code_challenge');
    this.codes.set(code, {
      clientId, redirectUri, scope: granted, expiresAt: Date.now() + CODE_LIFETIME_MS, used: false,
      challenge: challenge && method ? { value: challenge, method: method as 'S256' | 'plain' } : null,
    });
    return back({ code, scope: granted, authuser: '0', prompt: 'consent' });
  }

  private token(req: FakeRequest): FakeResponse {
    const params = bodyParams(req);
    const grantType = params.get('grant_type');
    if (grantType === 'authorization_code') return this.exchangeCode(req, params);
    if (grantType === 'refresh_token') return this.refresh(req, params);
    if (grantType === JWT_BEARER_GRANT) return this.jwtBearer(params);
    if (!grantType) throw new OAuthError(400, 'unsupported_grant_type', 'Invalid grant_type: ');
    throw new OAuthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType}`);
  }

  /** Client authentication: `client_secret_post` (google-auth-library's default) or HTTP Basic. */
  private client(req: FakeRequest, params: URLSearchParams): OAuthClientRegistration {
    let id = params.get('client_id');
    let secret = params.get('client_secret');
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? '');
    if (basic) {
      const [user, pass] = Buffer.from(basic[1] as string, 'base64').toString('utf8').split(':');
      id = decodeURIComponent(user ?? '');
      secret = decodeURIComponent(pass ?? '');
    }
    if (!id) throw new OAuthError(400, 'invalid_request', 'Could not determine client ID from request.');
    const client = this.clients.get(id);
    if (!client) throw new OAuthError(401, 'invalid_client', 'The OAuth client was not found.');
    if (!secret) throw new OAuthError(400, 'invalid_request', 'client_secret is missing.');
    if (!sameText(secret, client.clientSecret)) throw new OAuthError(401, 'invalid_client', 'Unauthorized');
    return client;
  }

  private exchangeCode(req: FakeRequest, params: URLSearchParams): FakeResponse {
    const client = this.client(req, params);
    const code = params.get('code');
    if (!code) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: code');
    const grant = this.codes.get(code);
    if (!grant || grant.used || grant.clientId !== client.clientId || grant.expiresAt <= Date.now()) throw new OAuthError(400, 'invalid_grant', 'Bad Request');
    if (params.get('redirect_uri') !== grant.redirectUri) throw new OAuthError(400, 'redirect_uri_mismatch', 'Bad Request');
    if (grant.challenge) {
      const verifier = params.get('code_verifier');
      if (!verifier) throw new OAuthError(400, 'invalid_grant', 'Missing code verifier.');
      const expected = grant.challenge.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (!sameText(expected, grant.challenge.value)) throw new OAuthError(400, 'invalid_grant', 'Invalid code verifier.');
    }
    grant.used = true;
    const refreshToken = `1//0${randomString(this.rng, 100, URLSAFE)}`;
    this.refreshGrants.set(refreshToken, { clientId: client.clientId, scope: grant.scope, revoked: false });
    const access = this.tokens.issue(this.rng, { scope: grant.scope, issuedTo: client.clientId });
    this.track('token', { grant: 'authorization_code', clientId: client.clientId });
    return { status: 200, body: { access_token: access.token, expires_in: this.tokens.lifetimeSeconds, refresh_token: refreshToken, scope: grant.scope, token_type: 'Bearer' } };
  }

  private refresh(req: FakeRequest, params: URLSearchParams): FakeResponse {
    const client = this.client(req, params);
    const refreshToken = params.get('refresh_token');
    if (!refreshToken) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    const grant = this.refreshGrants.get(refreshToken);
    if (!grant || grant.revoked || grant.clientId !== client.clientId) throw new OAuthError(400, 'invalid_grant', 'Token has been expired or revoked.');
    const access = this.tokens.issue(this.rng, { scope: grant.scope, issuedTo: client.clientId });
    this.track('token', { grant: 'refresh_token', clientId: client.clientId });
    return { status: 200, body: { access_token: access.token, expires_in: this.tokens.lifetimeSeconds, scope: grant.scope, token_type: 'Bearer' } };
  }

  private jwtBearer(params: URLSearchParams): FakeResponse {
    const assertion = params.get('assertion');
    if (!assertion) throw new OAuthError(400, 'invalid_request', 'Missing required parameter: assertion');
    const claims = verifyAssertion(assertion, (email) => this.accounts.get(email));
    const access = this.tokens.issue(this.rng, { scope: claims.scope, issuedTo: claims.iss, subject: claims.sub ?? claims.iss });
    this.track('token', { grant: JWT_BEARER_GRANT, clientEmail: claims.iss, subject: claims.sub });
    return { status: 200, body: { access_token: access.token, expires_in: this.tokens.lifetimeSeconds, token_type: 'Bearer' } };
  }
}

const HTML = { 'content-type': 'text/html; charset=utf-8' };

function oauthError(status: number, error: string, description: string): FakeResponse {
  return { status, body: { error, error_description: description } };
}

function errorPage(status: number, error: string, description: string): string {
  return `<!doctype html><title>Error ${status}: ${error}</title><h1>Access blocked: Authorization Error</h1><p>${escapeHtml(description)}</p><p>Error ${status}: ${error}</p>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Desktop app clients may redirect to any port on the loopback interface (Google's "loopback IP address" flow). */
function isLoopback(uri: string): boolean {
  try {
    const url = new URL(uri);
    return url.protocol === 'http:' && ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);
  } catch {
    return false;
  }
}

/** The token endpoint takes form-encoded bodies (and JSON, which Google accepts too). */
function bodyParams(req: FakeRequest): URLSearchParams {
  if (!/json/i.test(String(req.headers['content-type'] ?? ''))) return new URLSearchParams(req.body);
  try {
    const parsed = JSON.parse(req.body || '{}') as Record<string, unknown>;
    return new URLSearchParams(Object.entries(parsed).map(([k, v]) => [k, String(v)]));
  } catch {
    throw new OAuthError(400, 'invalid_request', 'Invalid JSON payload received.');
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
