/**
 * The Google Drive connector with each kind of Google credential, through @googleapis/drive and google-auth-library
 * over real HTTP to the sandbox's Drive and OAuth fakes: a pasted access token, a sign-in's refresh token (renewed
 * when the access token expires) and a service-account key (the JWT grant), with what each failure becomes.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startSandbox, type Sandbox } from '../../sandbox';
import type { ActionContext, Connector } from '../connector';
import { isConnectorFailure } from '../failure';
import { authorizedUserJson } from '../google-auth/credential';
import { DRIVE_SCOPE } from '../google-auth/endpoints';
import { startLoopbackSignIn } from '../google-auth/loopback';
import type { ExchangeSink } from '../recording';
import { createGoogleDriveConnector } from '.';

let sandbox: Sandbox;
const sink: ExchangeSink = { record: () => {} };
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const robot = 'keel-robot@acme-ops.iam.gserviceaccount.com';
const serviceAccountKey = (extra: Record<string, string> = {}) =>
  JSON.stringify({ type: 'service_account', project_id: 'acme-ops', private_key_id: 'f00dfeed', private_key: keys.privateKey, client_email: robot, ...extra });

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 31 });
});
afterAll(() => sandbox.close());
beforeEach(() => {
  sandbox.googleOAuth.fake.reset();
  sandbox.googleOAuth.fake.registerServiceAccount({ clientEmail: robot, publicKey: keys.publicKey });
});
afterEach(() => {
  vi.useRealTimers();
});

function connector(credential: string): Connector {
  return createGoogleDriveConnector({ apiBase: sandbox.drive.rootUrl, credential: async () => credential, sink, oauth: sandbox.oauth.drive! });
}

let n = 0;
function ctx(): ActionContext {
  n++;
  return { runId: `run-g${n}`, stepId: 'drive_folder', attemptId: `att-g${n}`, attemptNumber: 1, idempotencyKey: `k-${n}`, priorOutcomeUnknown: false, signal: new AbortController().signal };
}

async function createFolder(drive: Connector, name: string): Promise<{ id: string; name: string }> {
  return drive.actions.createFolder!.run(ctx(), { name });
}

async function failureOf(drive: Connector, name: string) {
  try {
    await createFolder(drive, name);
  } catch (error) {
    return { thrown: error, failure: drive.classify(error) };
  }
  throw new Error('the call succeeded');
}

const grants = () => sandbox.googleOAuth.fake.requests({ path: '/token' }).map((r) => new URLSearchParams(r.body).get('grant_type'));
const driveTokens = () => sandbox.drive.fake.requests().map((r) => String(r.headers.authorization).replace(/^Bearer /, ''));

/** A real sign-in through the loopback listener, as the console runs it; returns the stored credential. */
async function signIn(): Promise<string> {
  const client = sandbox.googleOAuth.fake.registerClient();
  let stored = '';
  const flow = await startLoopbackSignIn({
    client, auth: { oauth: sandbox.oauth.drive!, fetch }, scope: DRIVE_SCOPE, timeoutMs: 10_000,
    onSignedIn: async (tokens) => void (stored = authorizedUserJson({ ...client, refreshToken: tokens.refreshToken })),
  });
  await fetch(flow.authorizationUrl);
  await flow.done;
  return stored;
}

describe('a service-account key', () => {
  it('gets its access token with the JWT grant and creates the folder with it', async () => {
    const drive = connector(serviceAccountKey());
    const folder = await createFolder(drive, 'Northwind (SA-1)');
    expect(folder.name).toBe('Northwind (SA-1)');
    expect(grants()).toEqual(['urn:ietf:params:oauth:grant-type:jwt-bearer']);
    expect(sandbox.googleOAuth.fake.tokens.check(driveTokens().at(-1)!)).toBe('live');
    expect(await drive.testConnection()).toEqual({ ok: true, detail: 'Connected to Google Drive as keel-bot@keel.example (with a service-account key)' });
  });

  it('impersonating a user needs domain-wide delegation: without it the test says a permission is missing', async () => {
    const drive = connector(serviceAccountKey({ subject: 'ada@acme.example' }));
    const check = await drive.testConnection();
    expect(check).toMatchObject({ ok: false, problem: 'missing_scope' });
    expect(check.detail).toContain('unauthorized_client');
    expect(check.detail).toContain('domain-wide delegation');
    sandbox.googleOAuth.fake.registerServiceAccount({ clientEmail: robot, publicKey: keys.publicKey, domainWideDelegation: true });
    expect(await drive.testConnection()).toMatchObject({ ok: true });
    expect(sandbox.googleOAuth.fake.tokens.issued().at(-1)).toMatchObject({ subject: 'ada@acme.example' });
  });

  it('a key Google does not know is a bad credential, in Google\'s words', async () => {
    const other = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    const drive = connector(JSON.stringify({ type: 'service_account', private_key: other.privateKey, client_email: robot }));
    expect(await drive.testConnection()).toMatchObject({ ok: false, problem: 'bad_credential', detail: expect.stringContaining('(invalid_grant: Invalid JWT Signature.)') });
    expect((await failureOf(drive, 'x')).failure).toMatchObject({ kind: 'permanent', code: 'oauth_invalid_grant' });
  });
});

describe('a sign-in (refresh token)', () => {
  it('creates folders, and renews the access token when it expires', async () => {
    const drive = connector(await signIn());
    await createFolder(drive, 'Northwind (O-1)');
    await createFolder(drive, 'Northwind (O-2)');
    // One exchange of the code, one refresh for the connector's first token; the second call reused it.
    expect(grants()).toEqual(['authorization_code', 'refresh_token']);
    const first = driveTokens().at(-1)!;

    // An hour later, for the client and the fake alike.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3600_000);
    await createFolder(drive, 'Northwind (O-3)');
    expect(grants()).toEqual(['authorization_code', 'refresh_token', 'refresh_token']);
    expect(driveTokens().at(-1)).not.toBe(first);
    expect(sandbox.googleOAuth.fake.tokens.check(first)).toBe('expired');
    expect(sandbox.drive.fake.folders().map((f) => f.name)).toEqual(expect.arrayContaining(['Northwind (O-1)', 'Northwind (O-2)', 'Northwind (O-3)']));
  });

  it('an access token Google refuses early fails retryably and the next attempt renews it', async () => {
    const drive = connector(await signIn());
    await createFolder(drive, 'Northwind (O-4)');
    sandbox.googleOAuth.fake.tokens.expireAll();
    const { thrown, failure } = await failureOf(drive, 'Northwind (O-5)');
    expect(isConnectorFailure(thrown)).toBe(true);
    expect(failure).toMatchObject({ kind: 'retryable', code: 'access_token_refused', status: 401 });
    expect(sandbox.drive.fake.folders().map((f) => f.name)).not.toContain('Northwind (O-5)');
    await createFolder(drive, 'Northwind (O-5)');
    expect(grants().filter((g) => g === 'refresh_token')).toHaveLength(2);
  });

  it('a revoked sign-in is a permanent failure that says to sign in again; the token endpoint\'s outage heals', async () => {
    const drive = connector(await signIn());
    sandbox.googleOAuth.fake.inject({ path: '/token' }, { status: 503 });
    expect((await failureOf(drive, 'x')).failure).toMatchObject({ kind: 'retryable', code: 'oauth_internal_failure', status: 503 });
    expect(await drive.testConnection()).toMatchObject({ ok: true, detail: expect.stringContaining('(signed in with Google)') });
    sandbox.googleOAuth.fake.revokeRefreshTokens();
    const check = await drive.testConnection();
    expect(check).toMatchObject({ ok: false, problem: 'bad_credential' });
    expect(check.detail).toBe('Google\'s token endpoint refused Keel\'s credential (invalid_grant: Token has been expired or revoked.). The sign-in was revoked or has expired, or the service-account key was deleted (or this computer\'s clock is off): sign in with Google again, or paste a current key, in Connections.');
  });
});

describe('a pasted access token, and values that cannot work', () => {
  it('uses a pasted token as it is; a refused one is a bad credential', async () => {
    expect(await connector(sandbox.drive.accessToken).testConnection()).toMatchObject({ ok: true, detail: expect.stringContaining('(with a pasted access token)') });
    const refused = await connector('ya29.not-a-token-google-issued').testConnection();
    expect(refused).toMatchObject({ ok: false, problem: 'bad_credential' });
    expect((await failureOf(connector('ya29.not-a-token-google-issued'), 'x')).failure).toMatchObject({ kind: 'permanent', status: 401 });
  });

  it('a stored credential that cannot be read fails permanently, naming what is wrong', async () => {
    const broken = connector(JSON.stringify({ type: 'service_account', client_email: robot }));
    expect(await broken.testConnection()).toMatchObject({ ok: false, problem: 'bad_credential', detail: expect.stringContaining('no "private_key" field') });
    expect((await failureOf(broken, 'x')).failure).toMatchObject({ kind: 'permanent', code: 'credential_invalid' });
  });
});
