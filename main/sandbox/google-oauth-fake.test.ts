/**
 * Google's OAuth endpoints, driven by google-auth-library over real HTTP: the authorization code grant with PKCE,
 * refresh, the service-account JWT grant, Google's refusals, and the Drive fake accepting exactly the access
 * tokens issued here while they are live.
 */
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { OAuth2Client, CodeChallengeMethod } from 'google-auth-library';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DriveFake } from './drive-fake';
import { GoogleOAuthFake, JWT_BEARER_GRANT, type OAuthClientRegistration } from './google-oauth-fake';
import { driveClient, serviceAccountClient } from './sdk-clients';

const DRIVE = 'https://www.googleapis.com/auth/drive';
const google = new GoogleOAuthFake({ seed: 11 });
const drive = new DriveFake({ seed: 12, issuedTokens: google.tokens });
let registered: OAuthClientRegistration;
const redirectUri = 'http://127.0.0.1:53682';

beforeAll(async () => {
  await Promise.all([google.start(), drive.start()]);
});
afterAll(() => Promise.all([google.stop(), drive.stop()]));
beforeEach(() => {
  google.reset();
  registered = google.registerClient();
});

function oauthClient(secret = registered.clientSecret): OAuth2Client {
  return new OAuth2Client({
    clientId: registered.clientId, clientSecret: secret, redirectUri,
    endpoints: { oauth2AuthBaseUrl: google.connection.authorizationUrl, oauth2TokenUrl: google.connection.tokenUrl },
    transporterOptions: { retryConfig: { retry: 0, noResponseRetries: 0 } },
  });
}

/** Follows the authorization URL as a browser would, up to the redirect back to the loopback address. */
async function authorize(client: OAuth2Client, extra: Record<string, string> = {}): Promise<{ location: URL; codeVerifier: string }> {
  const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
  const url = client.generateAuthUrl({ access_type: 'offline', scope: DRIVE, state: 'st-1', code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256, ...extra });
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  return { location: new URL(res.headers.get('location')!), codeVerifier };
}

async function refusal(promise: Promise<unknown>): Promise<{ status: number; data: { error: string; error_description: string } }> {
  try {
    await promise;
  } catch (error) {
    const response = (error as { response?: { status: number; data: { error: string; error_description: string } } }).response;
    if (response) return response;
    throw error;
  }
  throw new Error('expected Google to refuse');
}

describe('authorization code with PKCE', () => {
  it('redirects back with a code and the state, and exchanges it for tokens Drive accepts', async () => {
    const client = oauthClient();
    const { location, codeVerifier } = await authorize(client);
    expect(location.origin + location.pathname).toBe(`${redirectUri}/`);
    expect(location.searchParams.get('state')).toBe('st-1');
    expect(location.searchParams.get('scope')).toBe(DRIVE);
    const { tokens } = await client.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(tokens).toMatchObject({ access_token: expect.stringMatching(/^ya29\./), refresh_token: expect.stringMatching(/^1\/\/0/), scope: DRIVE, token_type: 'Bearer' });
    const about = await driveClient({ rootUrl: drive.connection.rootUrl, accessToken: tokens.access_token! }).about.get({ fields: 'user' });
    expect(about.data.user?.emailAddress).toBe('keel-bot@keel.example');
    // A code is good once.
    expect((await refusal(client.getToken({ code: location.searchParams.get('code')!, codeVerifier }))).data).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });

  it('refuses a wrong code verifier, a wrong client secret and another redirect_uri, as Google words them', async () => {
    const { location, codeVerifier } = await authorize(oauthClient());
    const code = location.searchParams.get('code')!;
    expect(await refusal(oauthClient().getToken({ code, codeVerifier: `${codeVerifier}x` }))).toMatchObject({ status: 400, data: { error: 'invalid_grant', error_description: 'Invalid code verifier.' } });
    expect(await refusal(oauthClient('GOCSPX-wrong').getToken({ code, codeVerifier }))).toMatchObject({ status: 401, data: { error: 'invalid_client' } });
    expect(await refusal(oauthClient().getToken({ code, codeVerifier, redirect_uri: 'http://127.0.0.1:1/' }))).toMatchObject({ status: 400, data: { error: 'redirect_uri_mismatch' } });
    // None of those used the code up.
    expect((await oauthClient().getToken({ code, codeVerifier })).tokens.refresh_token).toBeTruthy();
  });

  it('sends error=access_denied back when the user declines, and shows an error page for an unknown client', async () => {
    google.consent = 'deny';
    const { location } = await authorize(oauthClient());
    expect(Object.fromEntries(location.searchParams)).toEqual({ error: 'access_denied', state: 'st-1' });
    const unknown = await fetch(`${google.connection.authorizationUrl}?client_id=nobody&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=${DRIVE}`, { redirect: 'manual' });
    expect(unknown.status).toBe(401);
    expect(await unknown.text()).toContain('Error 401: invalid_client');
  });

  it('grants less than asked when the user unticks a scope', async () => {
    google.withheldScopes = [DRIVE];
    const { location } = await authorize(oauthClient(), { scope: `openid ${DRIVE}` });
    expect(location.searchParams.get('scope')).toBe('openid');
  });
});

describe('refresh and expiry', () => {
  it('refreshes with the refresh token; an expired or unknown token gets Google\'s 401 from Drive', async () => {
    const client = oauthClient();
    const { location, codeVerifier } = await authorize(client);
    const { tokens } = await client.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(google.tokens.expireAll()).toBe(1);
    const expired = await refusal(driveClient({ rootUrl: drive.connection.rootUrl, accessToken: tokens.access_token! }).about.get({ fields: 'user' }));
    expect(expired).toMatchObject({ status: 401, data: { error: { code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] } } });
    expect((await refusal(driveClient({ rootUrl: drive.connection.rootUrl, accessToken: 'ya29.made-up' }).about.get({ fields: 'user' }))).status).toBe(401);

    client.setCredentials({ refresh_token: tokens.refresh_token! });
    const { credentials } = await client.refreshAccessToken();
    expect(credentials.access_token).not.toBe(tokens.access_token);
    expect(google.tokens.check(credentials.access_token!)).toBe('live');
    expect((await driveClient({ rootUrl: drive.connection.rootUrl, accessToken: credentials.access_token! }).about.get({ fields: 'user' })).status).toBe(200);

    google.revokeRefreshTokens();
    expect((await refusal(client.refreshAccessToken())).data).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('issues tokens with the lifetime it is given', async () => {
    google.tokens.lifetimeSeconds = 120;
    const client = oauthClient();
    const { location, codeVerifier } = await authorize(client);
    const before = Date.now();
    const { tokens } = await client.getToken({ code: location.searchParams.get('code')!, codeVerifier });
    expect(tokens.expiry_date! - before).toBeGreaterThanOrEqual(119_000);
    expect(tokens.expiry_date! - before).toBeLessThan(125_000);
    google.tokens.lifetimeSeconds = 3599;
  });
});

describe('service accounts (JWT bearer grant)', () => {
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const email = 'keel-robot@keel-sandbox.iam.gserviceaccount.com';
  const jwt = (over: Partial<Parameters<typeof serviceAccountClient>[0]> = {}) =>
    serviceAccountClient({ tokenUrl: google.connection.tokenUrl, clientEmail: email, privateKey: keys.privateKey, scopes: [DRIVE], ...over });

  it('verifies the RS256 assertion against the registered key and issues a token Drive accepts', async () => {
    google.registerServiceAccount({ clientEmail: email, publicKey: keys.publicKey });
    const { token } = await jwt().getAccessToken();
    expect(google.tokens.check(token!)).toBe('live');
    expect((await driveClient({ rootUrl: drive.connection.rootUrl, accessToken: token! }).about.get({ fields: 'user' })).status).toBe(200);
    const sent = new URLSearchParams(google.requests({ path: '/token' }).at(-1)!.body);
    expect(sent.get('grant_type')).toBe(JWT_BEARER_GRANT);
  });

  it('refuses a key it does not know, an unknown account, and a user to impersonate without delegation', async () => {
    google.registerServiceAccount({ clientEmail: email, publicKey: keys.publicKey });
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    expect((await refusal(jwt({ privateKey: other.privateKey }).getAccessToken())).data).toEqual({ error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
    expect((await refusal(jwt({ clientEmail: 'nobody@x.iam.gserviceaccount.com' }).getAccessToken())).data.error_description).toBe('Invalid grant: account not found');
    expect(await refusal(jwt({ subject: 'ada@acme.example' }).getAccessToken())).toMatchObject({ status: 401, data: { error: 'unauthorized_client' } });
    google.registerServiceAccount({ clientEmail: email, publicKey: keys.publicKey, domainWideDelegation: true });
    const { token } = await jwt({ subject: 'ada@acme.example' }).getAccessToken();
    expect(google.tokens.issued().find((t) => t.token === token)).toMatchObject({ issuedTo: email, subject: 'ada@acme.example' });
  });

  it('checks aud, iat/exp and scope of a hand-made assertion', async () => {
    google.registerServiceAccount({ clientEmail: email, publicKey: keys.publicKey });
    const now = Math.floor(Date.now() / 1000);
    const assert = async (claims: Record<string, unknown>) => {
      const part = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const unsigned = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
      const assertion = `${unsigned}.${sign('RSA-SHA256', Buffer.from(unsigned), keys.privateKey).toString('base64url')}`;
      const res = await fetch(google.connection.tokenUrl, { method: 'POST', body: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }) });
      return { status: res.status, body: (await res.json()) as Record<string, string> };
    };
    const good = { iss: email, scope: DRIVE, aud: 'https://oauth2.googleapis.com/token', iat: now, exp: now + 3600 };
    expect(await assert(good)).toMatchObject({ status: 200, body: { token_type: 'Bearer', expires_in: 3599 } });
    expect((await assert({ ...good, aud: google.connection.tokenUrl })).body.error_description).toMatch(/Failed audience check/);
    expect((await assert({ ...good, exp: now + 7200 })).body.error_description).toMatch(/short-lived token/);
    expect((await assert({ ...good, iat: now - 7200, exp: now - 3600 })).body.error_description).toMatch(/short-lived token/);
    expect(await assert({ ...good, scope: '' })).toMatchObject({ status: 400, body: { error: 'invalid_scope' } });
  });
});

describe('the token endpoint', () => {
  it('refuses an unknown grant type and asks for a client it knows', async () => {
    const post = (body: Record<string, string>) => fetch(google.connection.tokenUrl, { method: 'POST', body: new URLSearchParams(body) });
    const unsupported = await post({ grant_type: 'password' });
    expect([unsupported.status, await unsupported.json()]).toEqual([400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type: password' }]);
    const unknown = await post({ grant_type: 'refresh_token', client_id: 'nobody', client_secret: 'x', refresh_token: 'y' });
    expect([unknown.status, await unknown.json()]).toEqual([401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' }]);
    expect(unknown.headers.get('cache-control')).toContain('no-store');
  });

  it('checks a plain PKCE challenge too', async () => {
    const verifier = createHash('sha256').update('v').digest('hex');
    const url = `${google.connection.authorizationUrl}?client_id=${registered.clientId}&redirect_uri=${encodeURIComponent(redirectUri)}&response_type=code&scope=${DRIVE}&code_challenge=${verifier}&code_challenge_method=plain`;
    const code = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!).searchParams.get('code')!;
    expect((await oauthClient().getToken({ code, codeVerifier: verifier })).tokens.access_token).toMatch(/^ya29\./);
  });
});
