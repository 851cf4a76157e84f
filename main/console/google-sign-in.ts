/**
 * "Sign in with Google" as the console drives it: start (a loopback listener and the URL to open), poll the
 * status, cancel. One sign-in waits at a time; starting another cancels it. A successful sign-in is stored like
 * any credential (Connections.set): the refresh token and client go to the keychain as one `authorized_user`
 * document, never to SQLite, and Google Drive leaves the sandbox at once.
 */
import { randomUUID } from 'node:crypto';
import type { Actor, ConnectionView, GoogleSignInView } from '../../preload/api';
import { CredentialFormatError } from '../connectors/credential-format';
import { authorizedUserJson, parseGoogleCredential } from '../connectors/google-auth/credential';
import { DRIVE_SCOPE } from '../connectors/google-auth/endpoints';
import { startLoopbackSignIn, type LoopbackSignIn, type SignInError } from '../connectors/google-auth/loopback';
import { parseOAuthClient, type OAuthClient } from '../connectors/google-auth/oauth-client';
import { recordingFetch } from '../connectors/recording';
import type { Providers } from '../core/providers';
import type { SecretScrubber } from '../ledger/redaction';
import type { Vault } from '../vault/vault';
import type { Connections } from './connections';
import { ConsoleProblem } from './dispatch';

const CONNECTOR = 'googleDrive';
/** How long the listener waits for Google's answer: time to pick an account and read the consent screen. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** Finished sign-ins stay readable this long, for a console that polls late. */
const KEEP_FINISHED_MS = 10 * 60_000;

interface Attempt {
  id: string;
  state: GoogleSignInView['state'];
  signIn: LoopbackSignIn;
  message: string | null;
  connection: ConnectionView | null;
  finishedAt: number | null;
}

export interface ClientGiven {
  clientJson?: string | undefined;
  clientId?: string | undefined;
  clientSecret?: string | undefined;
}

export class GoogleSignIns {
  private readonly attempts = new Map<string, Attempt>();

  constructor(
    private readonly connections: Connections,
    private readonly providers: Providers,
    private readonly vault: Vault,
    private readonly scrubber: SecretScrubber,
    private readonly timeoutMs = SIGN_IN_TIMEOUT_MS,
  ) {}

  async start(given: ClientGiven, actor: Actor): Promise<GoogleSignInView> {
    const spec = this.providers.spec(CONNECTOR);
    const oauth = spec && this.providers.oauthOf(spec);
    if (!oauth) throw new ConsoleProblem('not_found', 'This Keel has no Google Drive connector to sign in for.');
    const client = await this.client(given);
    this.scrubber.remember(client.clientSecret);
    this.forgetFinished();
    for (const waiting of this.attempts.values()) if (waiting.state === 'waiting') waiting.signIn.cancel();

    const id = randomUUID();
    let attempt: Attempt | undefined;
    const signIn = await startLoopbackSignIn({
      client, scope: DRIVE_SCOPE, timeoutMs: this.timeoutMs,
      auth: { oauth, fetch: recordingFetch(CONNECTOR, this.providers.exchanges) },
      onSignedIn: async (tokens) => {
        this.scrubber.remember(tokens.refreshToken);
        this.scrubber.remember(tokens.accessToken);
        const value = authorizedUserJson({ ...client, refreshToken: tokens.refreshToken });
        // A refusal here (the keychain is locked) fails the sign-in with its words; nothing is kept.
        const connection = await this.connections.set(CONNECTOR, value, actor.who, actor.why, { kind: 'oauth' });
        if (attempt) attempt.connection = connection;
      },
    });
    attempt = { id, state: 'waiting', signIn, message: null, connection: null, finishedAt: null };
    const settled = attempt;
    signIn.done.then(
      () => this.finish(settled, 'signed_in', null),
      (error: SignInError) => this.finish(settled, error.problem === 'cancelled' ? 'cancelled' : 'failed', error.message),
    );
    this.attempts.set(id, attempt);
    return view(attempt);
  }

  status(id: string): GoogleSignInView {
    return view(this.attempt(id));
  }

  async cancel(id: string): Promise<GoogleSignInView> {
    const attempt = this.attempt(id);
    attempt.signIn.cancel();
    await attempt.signIn.done.catch(() => {});
    return view(attempt);
  }

  close(): void {
    for (const attempt of this.attempts.values()) attempt.signIn.cancel();
  }

  private finish(attempt: Attempt, state: Attempt['state'], message: string | null): void {
    attempt.state = state;
    attempt.message = message;
    attempt.finishedAt = Date.now();
  }

  private attempt(id: string): Attempt {
    const attempt = this.attempts.get(id);
    if (!attempt) throw new ConsoleProblem('not_found', `There is no Google sign-in ${id} (finished ones are forgotten after 10 minutes). Start "Sign in with Google" again.`);
    return attempt;
  }

  /** The client given, or the one the current sign-in used (signing in again needs no new paste). */
  private async client(given: ClientGiven): Promise<OAuthClient> {
    try {
      if (given.clientJson !== undefined || given.clientId !== undefined || given.clientSecret !== undefined) return parseOAuthClient({ json: given.clientJson, clientId: given.clientId, clientSecret: given.clientSecret });
    } catch (error) {
      if (error instanceof CredentialFormatError) throw new ConsoleProblem('invalid_input', error.message);
      throw error;
    }
    const stored = await this.vault.get(this.providers.spec(CONNECTOR)!.secret).catch(() => null);
    if (stored) {
      try {
        const current = parseGoogleCredential(stored);
        if (current.kind === 'oauth') return { clientId: current.clientId, clientSecret: current.clientSecret };
      } catch {
        // an unreadable credential has no client to reuse
      }
    }
    throw new ConsoleProblem('invalid_input', 'Give Keel the OAuth client to sign in with: the JSON file of a Desktop app client, or its client id and secret (Google Cloud console → APIs & Services → Credentials).');
  }

  private forgetFinished(): void {
    const before = Date.now() - KEEP_FINISHED_MS;
    for (const [id, attempt] of this.attempts) if (attempt.finishedAt !== null && attempt.finishedAt < before) this.attempts.delete(id);
  }
}

function view(a: Attempt): GoogleSignInView {
  return {
    id: a.id, state: a.state, authorizationUrl: a.signIn.authorizationUrl, redirectUri: a.signIn.redirectUri, expiresAt: a.signIn.expiresAt,
    message: a.message, connection: a.connection,
  };
}
