/**
 * Google credentials through the console, end to end: "Sign in with Google" (a loopback listener, Google's
 * authorization URL followed with fetch as a browser would, the code exchanged with PKCE, the refresh token kept in
 * the real OS keychain), a service-account key and a pasted token set through setCredential, each tested; and
 * afterwards no refresh token, client secret, private key, code or access token anywhere in SQLite or the ledger.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ConnectionCheckView, ConnectionView, GoogleSignInView } from '../../preload/api';
import { callOrigin } from '../connectors/recording';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { startSandbox, type OAuthClientRegistration, type Sandbox } from '../sandbox';
import { KeychainVault } from '../vault/vault';
import { dispatch } from './dispatch';

let keel: Keel;
let google: Sandbox;
let dir: string;
let client: OAuthClientRegistration;
const vault = new KeychainVault({ service: `keel-test-${randomUUID()}`, env: {} });
const actor = { who: 'Dana', why: 'connecting our Google Drive' };
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const robot = 'keel-robot@acme-ops.iam.gserviceaccount.com';
const serviceAccountKey = JSON.stringify({ type: 'service_account', project_id: 'acme-ops', private_key_id: '7d0c1e5b9a', private_key: keys.privateKey, client_email: robot });

async function result(name: string, input: unknown = {}) {
  return dispatch(keel.handlers, name, input);
}
async function call<T>(name: string, input: unknown = {}): Promise<T> {
  const r = await result(name, input);
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Polls the sign-in as the console does, until Google's answer has been handled. */
async function settled(id: string): Promise<GoogleSignInView> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const view = await call<GoogleSignInView>('googleSignInStatus', { id });
    if (view.state !== 'waiting') return view;
    if (Date.now() > deadline) throw new Error('the sign-in did not settle');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function createFolder(name: string): Promise<{ id: string; name: string }> {
  const { action } = keel.providers.action('googleDrive.createFolder')!;
  const origin = { runId: `run-${name}`, stepId: 'drive_folder', attemptId: `att-${name}`, idempotencyKey: `k-${name}` };
  return callOrigin.run(origin, () => action.run({ ...origin, attemptNumber: 1, priorOutcomeUnknown: false, signal: new AbortController().signal }, { name }));
}

beforeAll(async () => {
  google = await startSandbox({ latencyMs: 0, seed: 41 });
  client = google.googleOAuth.fake.registerClient();
  google.googleOAuth.fake.registerServiceAccount({ clientEmail: robot, publicKey: keys.publicKey, domainWideDelegation: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-google-'));
  keel = await startKeel({
    dataDir: dir, shell: 'headless', logger: silentLogger, vault,
    env: {
      KEEL_GOOGLE_API_BASE: google.providers.drive.apiBase, KEEL_GOOGLE_AUTH_URL: google.googleOAuth.authorizationUrl,
      KEEL_GOOGLE_TOKEN_URL: google.googleOAuth.tokenUrl, KEEL_SANDBOX_LATENCY_MS: '0', KEEL_RATE_LIMITS: 'off',
    },
  });
}, 30_000);
afterEach(() => {
  vi.useRealTimers();
  google.googleOAuth.fake.consent = 'allow';
});
afterAll(async () => {
  await keel?.stop();
  await vault.delete('google').catch(() => {});
  await google.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Sign in with Google', () => {
  it('asks for an OAuth client when none is given or stored', async () => {
    const r = await result('startGoogleSignIn', { actor });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('JSON file of a Desktop app client') } });
    const web = await result('startGoogleSignIn', { clientJson: JSON.stringify({ web: { client_id: 'x', client_secret: 'y' } }), actor });
    expect(web).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Create a client of type Desktop app') } });
  });

  it('signs in through the loopback listener, keeps the refresh token in the keychain, and Drive works and renews its token', async () => {
    const started = await call<GoogleSignInView>('startGoogleSignIn', { clientJson: client.json, actor });
    expect(started).toMatchObject({ state: 'waiting', redirectUri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/), message: null, connection: null });
    expect(started.authorizationUrl.startsWith(`${google.googleOAuth.authorizationUrl}?`)).toBe(true);

    const landing = await fetch(started.authorizationUrl); // the fake's consent screen redirects straight back
    expect(await landing.text()).toContain('You can close this tab');
    const done = await settled(started.id);
    expect(done).toMatchObject({ state: 'signed_in', message: null });
    expect(done.connection).toMatchObject({ connector: 'googleDrive', state: 'set', source: 'keychain', kind: 'oauth', sandbox: false, account: `OAuth client ${client.clientId}` });

    const [refreshToken] = google.googleOAuth.fake.refreshTokens();
    expect(JSON.parse((await vault.get('google'))!)).toEqual({ type: 'authorized_user', client_id: client.clientId, client_secret: client.clientSecret, refresh_token: refreshToken });
    expect(await call<ConnectionCheckView>('testConnection', { connector: 'googleDrive' })).toMatchObject({ ok: true, detail: expect.stringContaining('signed in with Google') });

    await createFolder('Northwind (C-G1)');
    const refreshes = () => google.googleOAuth.fake.requests({ path: '/token' }).filter((r) => r.body.includes('grant_type=refresh_token')).length;
    const before = refreshes();
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3600_000);
    await createFolder('Northwind (C-G2)');
    expect(refreshes()).toBe(before + 1);
    expect(google.drive.fake.folders().map((f) => f.name)).toEqual(expect.arrayContaining(['Northwind (C-G1)', 'Northwind (C-G2)']));
  });

  it('signs in again with the stored client; a declined consent fails in words and keeps the current sign-in', async () => {
    const stored = await vault.get('google');
    google.googleOAuth.fake.consent = 'deny';
    const started = await call<GoogleSignInView>('startGoogleSignIn', { actor });
    expect(new URL(started.authorizationUrl).searchParams.get('client_id')).toBe(client.clientId);
    await fetch(started.authorizationUrl);
    expect(await settled(started.id)).toMatchObject({ state: 'failed', message: expect.stringContaining('declined (access_denied)'), connection: null });
    expect(await vault.get('google')).toBe(stored);
  });

  it('refuses an answer with another state, and can be cancelled', async () => {
    const started = await call<GoogleSignInView>('startGoogleSignIn', { clientId: client.clientId, clientSecret: client.clientSecret, actor });
    await fetch(`${started.redirectUri}/?state=forged&code=4/0forged`);
    expect(await settled(started.id)).toMatchObject({ state: 'failed', message: expect.stringContaining('did not carry this sign-in\'s state') });

    const again = await call<GoogleSignInView>('startGoogleSignIn', { clientJson: client.json, actor });
    expect(await call<GoogleSignInView>('cancelGoogleSignIn', { id: again.id })).toMatchObject({ state: 'cancelled' });
    await expect(fetch(`${again.redirectUri}/`)).rejects.toThrow();
    expect((await result('googleSignInStatus', { id: 'no-such-sign-in' })).ok).toBe(false);
  });
});

describe('a service-account key and a pasted token', () => {
  it('refuses a key with a missing field, naming it', async () => {
    const { client_email: _, ...noEmail } = JSON.parse(serviceAccountKey) as Record<string, string>;
    const r = await result('setCredential', { connector: 'googleDrive', kind: 'service_account', value: JSON.stringify(noEmail), actor });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('no "client_email" field') } });
    const notJson = await result('setCredential', { connector: 'googleDrive', kind: 'service_account', value: '{"type": "service_account",', actor });
    expect(notJson).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('not valid JSON') } });
  });

  it('stores a key (acting as a user), shows its kind and account, and tests it', async () => {
    const view = await call<ConnectionView>('setCredential', { connector: 'googleDrive', kind: 'service_account', value: serviceAccountKey, impersonate: 'ada@acme.example', actor });
    expect(view).toMatchObject({ kind: 'service_account', account: `${robot}, acting as ada@acme.example`, lastFour: '5b9a', source: 'keychain', sandbox: false });
    expect(await call<ConnectionCheckView>('testConnection', { connector: 'googleDrive' })).toMatchObject({ ok: true, detail: expect.stringContaining('service-account key') });
    await createFolder('Northwind (C-G3)');
    expect(google.googleOAuth.fake.tokens.issued().at(-1)).toMatchObject({ issuedTo: robot, subject: 'ada@acme.example' });
  });

  it('stores a pasted access token as such', async () => {
    const view = await call<ConnectionView>('setCredential', { connector: 'googleDrive', value: google.providers.drive.credential, actor });
    expect(view).toMatchObject({ kind: 'token', account: null, kinds: ['token', 'oauth', 'service_account'] });
    expect(await call<ConnectionCheckView>('testConnection', { connector: 'googleDrive' })).toMatchObject({ ok: true });
    const stripe = (await call<{ connections: ConnectionView[] }>('listConnections')).connections.find((c) => c.connector === 'stripe');
    expect(stripe).toMatchObject({ kind: null, kinds: ['token'] });
  });
});

describe('secrets', () => {
  it('leaves no refresh token, client secret, private key, code, verifier or access token in SQLite or the ledger', async () => {
    const fake = google.googleOAuth.fake;
    const tokenRequests = fake.requests({ path: '/token' }).map((r) => new URLSearchParams(r.body));
    const secrets = [
      ...fake.refreshTokens(), client.clientSecret, ...fake.tokens.issued().map((t) => t.token),
      ...tokenRequests.flatMap((p) => [p.get('code'), p.get('code_verifier'), p.get('assertion')]).filter((v): v is string => Boolean(v)),
      ...keys.privateKey.split('\n').filter((line) => line.length > 40),
    ];
    expect(secrets.length).toBeGreaterThan(8);
    // The search is meaningful: the token exchanges themselves are in the ledger, redacted.
    const exchanges = keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'http.exchange' AND payload LIKE '%/token%'").all() as { payload: string }[];
    expect(exchanges.length).toBeGreaterThanOrEqual(tokenRequests.length);
    expect(exchanges.map((e) => e.payload).join('\n')).toContain('refresh_token=[redacted:');

    keel.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const database = fs.readFileSync(path.join(dir, 'keel.db')).toString('latin1');
    const answers = JSON.stringify([await call('listConnections'), await call('listLedger', { limit: 1000 })]);
    const found = secrets.filter((s) => database.includes(s) || answers.includes(s) || database.includes(encodeURIComponent(s)));
    expect(found).toEqual([]);
  });
});
