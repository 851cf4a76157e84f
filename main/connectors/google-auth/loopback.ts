/**
 * "Sign in with Google" for an installed app (Google's loopback IP address flow, RFC 8252 §7.3): a listener on
 * 127.0.0.1 at a port chosen for this sign-in, an authorization URL with PKCE (S256) and a random `state`, and, when
 * Google sends the browser back with a code, the code exchanged at the token endpoint for a refresh token. The
 * page the browser lands on says how it went and that the tab can be closed.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import { clientOptions, type GoogleAuthSettings } from './auth-client';
import type { OAuthClient } from './oauth-client';

export interface SignedInTokens {
  refreshToken: string;
  accessToken: string;
  /** Space-separated scopes the user granted. */
  scope: string;
}

export interface LoopbackSignInOptions {
  client: OAuthClient;
  auth: GoogleAuthSettings;
  /** The scope the connector needs; a sign-in that grants less fails and says so. */
  scope: string;
  /** How long to wait for Google's answer. */
  timeoutMs: number;
  /** Keeps the tokens (the refresh token goes to the keychain). If it throws, the sign-in fails with its message. */
  onSignedIn(tokens: SignedInTokens): Promise<void>;
}

export interface LoopbackSignIn {
  /** Google's consent screen for this sign-in: the console opens it in a browser. */
  authorizationUrl: string;
  /** Where Google sends the browser back: `http://127.0.0.1:<port>`. */
  redirectUri: string;
  expiresAt: number;
  /** Settles once: after `onSignedIn`, or with a SignInError saying what went wrong and what to do. */
  done: Promise<void>;
  /** Stops waiting (the person closed the dialog); `done` rejects with code `cancelled`. */
  cancel(): void;
}

export type SignInProblem = 'state_mismatch' | 'access_denied' | 'provider_error' | 'timeout' | 'cancelled' | 'exchange_failed' | 'no_refresh_token' | 'scope_missing' | 'not_saved';

export class SignInError extends Error {
  override name = 'SignInError';
  constructor(
    readonly problem: SignInProblem,
    message: string,
  ) {
    super(message);
  }
}

export async function startLoopbackSignIn(o: LoopbackSignInOptions): Promise<LoopbackSignIn> {
  const server = http.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  // A sign-in nobody finishes must not keep Keel's process alive; the timeout closes it anyway.
  server.unref();
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const oauth = new OAuth2Client({ ...clientOptions(o.auth), clientId: o.client.clientId, clientSecret: o.client.clientSecret, redirectUri });
  const { codeVerifier, codeChallenge } = await oauth.generateCodeVerifierAsync();
  const state = randomBytes(32).toString('base64url');
  const authorizationUrl = oauth.generateAuthUrl({
    // offline + consent: Google returns a refresh token even when this account signed in to the client before.
    access_type: 'offline', prompt: 'consent', scope: o.scope, state, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256,
  });

  let settled = false;
  let finish!: (error?: SignInError) => void;
  const done = new Promise<void>((resolve, reject) => {
    finish = (error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      server.close();
      server.closeIdleConnections();
      if (error) reject(error);
      else resolve();
    };
  });
  done.catch(() => {}); // the caller may only ever poll the status; an unobserved failure is not a crash
  const timer = setTimeout(() => finish(new SignInError('timeout', `Nobody finished signing in to Google within ${duration(o.timeoutMs)}. Start "Sign in with Google" again and complete it in the browser tab it opens.`)), o.timeoutMs);
  timer.unref();

  /** Turns Google's answer into tokens kept by `onSignedIn`, or the error that explains why not. */
  async function complete(query: URLSearchParams): Promise<SignInError | undefined> {
    if (query.get('state') !== state) {
      return new SignInError('state_mismatch', 'The answer that reached Keel did not carry this sign-in\'s state, so Keel refused it (it came from an old tab or from a page other than Google\'s). Start "Sign in with Google" again.');
    }
    const error = query.get('error');
    if (error === 'access_denied') return new SignInError('access_denied', 'Google sign-in was declined (access_denied): Keel was not given access to Google Drive. Start "Sign in with Google" again and choose Allow.');
    if (error) return new SignInError('provider_error', `Google answered the sign-in with an error (${error}${query.get('error_description') ? `: ${query.get('error_description')}` : ''}). Check the OAuth client in Google Cloud console, then sign in again.`);
    let tokens;
    try {
      ({ tokens } = await oauth.getToken({ code: query.get('code')!, codeVerifier, redirect_uri: redirectUri }));
    } catch (e) {
      return exchangeError(e, o.auth.oauth.tokenUrl);
    }
    if (!tokens.refresh_token) {
      return new SignInError('no_refresh_token', 'Google signed in but sent no refresh token, so Keel could not stay signed in. Remove Keel\'s access at myaccount.google.com/permissions, then sign in again.');
    }
    const granted = (tokens.scope ?? '').split(/\s+/);
    if (!o.scope.split(/\s+/).every((s) => granted.includes(s))) {
      return new SignInError('scope_missing', 'Google signed in without access to Google Drive (the Drive permission was unticked on the consent screen). Sign in again and leave "See, edit, create and delete all of your Google Drive files" ticked.');
    }
    try {
      await o.onSignedIn({ refreshToken: tokens.refresh_token, accessToken: tokens.access_token ?? '', scope: tokens.scope ?? '' });
    } catch (e) {
      return new SignInError('not_saved', `Google signed in, but Keel could not keep the sign-in: ${(e as Error).message}`);
    }
    return undefined;
  }

  let handling = false;
  server.on('request', (req, res) => {
    const url = new URL(req.url ?? '/', redirectUri);
    res.setHeader('connection', 'close');
    if (req.method !== 'GET' || url.pathname !== '/') return page(res, 404, 'Not here', 'This address only takes Google\'s answer to Keel\'s sign-in.');
    const query = url.searchParams;
    if (!query.has('code') && !query.has('error') && !query.has('state')) {
      return page(res, 400, 'Waiting for Google', 'This address is waiting for Google\'s answer to Keel\'s sign-in. Start "Sign in with Google" from Keel.');
    }
    // A reload of the landing page, or a second answer, must not exchange again.
    if (settled || handling) return page(res, 409, 'This sign-in is over', 'This sign-in has already had its answer, was cancelled or timed out. You can close this tab; Keel\'s Connections view shows the outcome.');
    handling = true;
    void complete(query).then((error) => {
      if (error) page(res, 400, 'Keel could not sign in to Google', `${error.message} You can close this tab.`);
      else page(res, 200, 'Keel is signed in to Google', 'Keel can now reach your Google Drive. You can close this tab and return to Keel.');
      finish(error);
    });
  });

  return {
    authorizationUrl, redirectUri, expiresAt: Date.now() + o.timeoutMs, done,
    cancel: () => finish(new SignInError('cancelled', 'The sign-in was cancelled before Google answered.')),
  };
}

function duration(ms: number): string {
  const [n, unit] = ms >= 60_000 ? [Math.round(ms / 60_000), 'minute'] : [Math.ceil(ms / 1000), 'second'];
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

function exchangeError(error: unknown, tokenUrl: string): SignInError {
  const e = error as { response?: { status?: number; data?: { error?: string; error_description?: string } }; message?: string };
  const body = e.response?.data;
  if (e.response && typeof body?.error === 'string') {
    const detail = `${body.error}${body.error_description ? `: ${body.error_description}` : ''}`;
    const next = body.error === 'invalid_client'
      ? 'Check the OAuth client\'s id and secret: it must be a Desktop app client (Google Cloud console → APIs & Services → Credentials).'
      : 'Start "Sign in with Google" again.';
    return new SignInError('exchange_failed', `Google refused to exchange the sign-in code for tokens (${detail}). ${next}`);
  }
  if (e.response) return new SignInError('exchange_failed', `Google's token endpoint answered HTTP ${e.response.status} to the sign-in. Try signing in again in a minute.`);
  return new SignInError('exchange_failed', `Keel could not reach Google's token endpoint (${tokenUrl}): ${e.message ?? String(error)}. Check this computer's network, then sign in again.`);
}

/** A small self-contained page: no scripts, no outside resources. */
function page(res: http.ServerResponse, status: number, title: string, text: string): void {
  const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)} — Keel</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:4rem auto;padding:0 1rem;color:#1f2328}h1{font-size:1.4rem}</style></head><body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`;
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'referrer-policy': 'no-referrer' });
  res.end(html);
}
