/**
 * The loopback sign-in against Google's OAuth fake, with fetch standing in for the browser: the authorization URL
 * redirects to the listener, which exchanges the code (PKCE) and shows a page that says the tab can be closed.
 * Every way it can go wrong ends in an error that names the problem and the next step.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GoogleOAuthFake, type OAuthClientRegistration } from '../../sandbox';
import { DRIVE_SCOPE } from './endpoints';
import { SignInError, startLoopbackSignIn, type LoopbackSignInOptions, type SignedInTokens } from './loopback';

const google = new GoogleOAuthFake({ seed: 21 });
let client: OAuthClientRegistration;

beforeAll(() => google.start());
afterAll(() => google.stop());
beforeEach(() => {
  google.reset();
  client = google.registerClient();
});

function options(over: Partial<LoopbackSignInOptions> = {}): LoopbackSignInOptions & { kept: SignedInTokens[] } {
  const kept: SignedInTokens[] = [];
  return {
    client: { clientId: client.clientId, clientSecret: client.clientSecret },
    auth: { oauth: google.connection, fetch },
    scope: DRIVE_SCOPE,
    timeoutMs: 10_000,
    onSignedIn: async (tokens) => void kept.push(tokens),
    kept,
    ...over,
  };
}

async function failure(done: Promise<void>): Promise<SignInError> {
  try {
    await done;
  } catch (error) {
    expect(error).toBeInstanceOf(SignInError);
    return error as SignInError;
  }
  throw new Error('expected the sign-in to fail');
}

describe('loopback sign-in', () => {
  it('listens on 127.0.0.1, sends PKCE and state, and keeps the refresh token Google returns', async () => {
    const o = options();
    const signIn = await startLoopbackSignIn(o);
    expect(signIn.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const asked = new URL(signIn.authorizationUrl);
    expect(asked.origin + asked.pathname).toBe(google.connection.authorizationUrl);
    expect(Object.fromEntries(asked.searchParams)).toMatchObject({
      client_id: client.clientId, redirect_uri: signIn.redirectUri, response_type: 'code', access_type: 'offline', prompt: 'consent',
      scope: DRIVE_SCOPE, code_challenge_method: 'S256', code_challenge: expect.stringMatching(/^[\w-]{43}$/), state: expect.stringMatching(/^[\w-]{43}$/),
    });

    const landing = await fetch(signIn.authorizationUrl); // follows the redirect to the listener, like the browser
    await signIn.done;
    expect(landing.status).toBe(200);
    expect(await landing.text()).toContain('You can close this tab');
    expect(o.kept).toEqual([{ refreshToken: google.refreshTokens()[0], accessToken: expect.stringMatching(/^ya29\./), scope: DRIVE_SCOPE }]);
    const exchange = new URLSearchParams(google.requests({ path: '/token' })[0]!.body);
    expect(exchange.get('code_verifier')).toMatch(/^[\w~.-]{43,128}$/);
    expect(exchange.get('redirect_uri')).toBe(signIn.redirectUri);
    // The listener is gone once the sign-in is over.
    await expect(fetch(`${signIn.redirectUri}/`)).rejects.toThrow();
  });

  it('refuses an answer that does not carry its state', async () => {
    const o = options();
    const signIn = await startLoopbackSignIn(o);
    const page = await fetch(`${signIn.redirectUri}/?code=4/0forged&state=not-the-one&scope=${encodeURIComponent(DRIVE_SCOPE)}`);
    const error = await failure(signIn.done);
    expect(error.problem).toBe('state_mismatch');
    expect(error.message).toContain('did not carry this sign-in\'s state');
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('You can close this tab');
    expect(google.requests({ path: '/token' })).toEqual([]);
    expect(o.kept).toEqual([]);
  });

  it('says so when the user declines on the consent screen', async () => {
    google.consent = 'deny';
    const signIn = await startLoopbackSignIn(options());
    await fetch(signIn.authorizationUrl);
    const error = await failure(signIn.done);
    expect(error.problem).toBe('access_denied');
    expect(error.message).toBe('Google sign-in was declined (access_denied): Keel was not given access to Google Drive. Start "Sign in with Google" again and choose Allow.');
  });

  it('fails when the Drive permission was unticked, or the client secret is wrong, keeping nothing', async () => {
    google.withheldScopes = [DRIVE_SCOPE];
    const unticked = options();
    const first = await startLoopbackSignIn(unticked);
    await fetch(first.authorizationUrl);
    expect((await failure(first.done)).problem).toBe('scope_missing');

    google.withheldScopes = [];
    const wrong = options({ client: { clientId: client.clientId, clientSecret: 'GOCSPX-not-this-one' } });
    const second = await startLoopbackSignIn(wrong);
    await fetch(second.authorizationUrl);
    const error = await failure(second.done);
    expect(error.problem).toBe('exchange_failed');
    expect(error.message).toContain('(invalid_client: Unauthorized). Check the OAuth client\'s id and secret');
    expect([...unticked.kept, ...wrong.kept]).toEqual([]);
  });

  it('fails with the keychain\'s words when the sign-in cannot be kept', async () => {
    const signIn = await startLoopbackSignIn(options({ onSignedIn: async () => { throw new Error('The OS keychain cannot be reached'); } }));
    const page = await fetch(signIn.authorizationUrl);
    const error = await failure(signIn.done);
    expect(error).toMatchObject({ problem: 'not_saved', message: 'Google signed in, but Keel could not keep the sign-in: The OS keychain cannot be reached' });
    expect(await page.text()).toContain('could not keep the sign-in');
  });

  it('gives up after its timeout, and can be cancelled', async () => {
    const slow = await startLoopbackSignIn(options({ timeoutMs: 50 }));
    const error = await failure(slow.done);
    expect(error.problem).toBe('timeout');
    expect(error.message).toBe('Nobody finished signing in to Google within 1 second. Start "Sign in with Google" again and complete it in the browser tab it opens.');
    const cancelled = await startLoopbackSignIn(options());
    cancelled.cancel();
    expect((await failure(cancelled.done)).problem).toBe('cancelled');
  });
});
