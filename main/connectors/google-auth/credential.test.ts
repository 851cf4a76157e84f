/**
 * Google credentials as pasted or stored: each kind is recognised, and a value that cannot work is refused with
 * the name of what is missing or wrong, before it reaches the keychain.
 */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CredentialFormatError } from '../credential-format';
import { authorizedUserJson, googleCredentialFormat, parseGoogleCredential } from './credential';
import { parseOAuthClient } from './oauth-client';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs8', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
const serviceAccount = {
  type: 'service_account', project_id: 'acme-ops', private_key_id: 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678', private_key: privateKey,
  client_email: 'keel@acme-ops.iam.gserviceaccount.com', client_id: '109876543210987654321', token_uri: 'https://oauth2.googleapis.com/token',
};
const key = JSON.stringify(serviceAccount, null, 2);

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CredentialFormatError);
    return (error as Error).message;
  }
  throw new Error('expected the value to be refused');
}

describe('parseGoogleCredential', () => {
  it('recognises the three kinds Google uses', () => {
    expect(parseGoogleCredential('ya29.a0AfH6SMBx')).toEqual({ kind: 'token', accessToken: 'ya29.a0AfH6SMBx' });
    expect(parseGoogleCredential(authorizedUserJson({ clientId: 'id.apps.googleusercontent.com', clientSecret: 'GOCSPX-s', refreshToken: '1//0r' }))).toEqual({
      kind: 'oauth', clientId: 'id.apps.googleusercontent.com', clientSecret: 'GOCSPX-s', refreshToken: '1//0r',
    });
    expect(parseGoogleCredential(`  ${key}\n`)).toEqual({
      kind: 'service_account', clientEmail: serviceAccount.client_email, privateKey, privateKeyId: serviceAccount.private_key_id, subject: null,
    });
  });

  it('names the missing field of a service-account key', () => {
    for (const field of ['client_email', 'private_key', 'type'] as const) {
      const { [field]: _dropped, ...rest } = serviceAccount;
      expect(refusal(() => parseGoogleCredential(JSON.stringify(rest)))).toContain(`no "${field}" field`);
    }
    expect(refusal(() => parseGoogleCredential(JSON.stringify({ ...serviceAccount, private_key: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n' })))).toContain('"private_key" is not a PEM private key');
  });

  it('says what is wrong with JSON that is broken, of another type, or an OAuth client file', () => {
    expect(refusal(() => parseGoogleCredential(key.slice(0, -3)))).toMatch(/^The Google credential is not valid JSON \(.+\)\. Paste the whole JSON key file/);
    expect(refusal(() => parseGoogleCredential(JSON.stringify({ type: 'external_account', audience: 'x' })))).toContain('of type "external_account"');
    expect(refusal(() => parseGoogleCredential(JSON.stringify({ installed: { client_id: 'x', client_secret: 'y' } })))).toContain('OAuth client file');
    expect(refusal(() => parseGoogleCredential(JSON.stringify({ type: 'authorized_user', client_id: 'x', client_secret: 'y' })))).toContain('no "refresh_token" field');
  });

  it('refuses a value of another kind than the one chosen, and a token with spaces', () => {
    expect(refusal(() => parseGoogleCredential('ya29.token', 'service_account'))).toContain('A service-account key is a JSON document');
    expect(refusal(() => parseGoogleCredential(key, 'token'))).toBe('This is a service-account key, not a pasted token: choose "service-account key" instead.');
    expect(refusal(() => parseGoogleCredential('ya29.one two'))).toContain('no spaces');
  });
});

describe('googleCredentialFormat', () => {
  it('adds the user to impersonate to a service-account key, and refuses it for other kinds', () => {
    const stored = googleCredentialFormat.prepare(key, { kind: 'service_account', impersonate: 'ada@acme.example' });
    expect(parseGoogleCredential(stored)).toMatchObject({ kind: 'service_account', subject: 'ada@acme.example' });
    expect(googleCredentialFormat.describe(stored)).toEqual({ kind: 'service_account', account: 'keel@acme-ops.iam.gserviceaccount.com, acting as ada@acme.example', lastFour: '5678' });
    expect(refusal(() => googleCredentialFormat.prepare('ya29.token-value', { impersonate: 'ada@acme.example' }))).toContain('Only a service account');
  });

  it('lists each secret part, so a refresh token inside the JSON is scrubbed on its own', () => {
    const signedIn = authorizedUserJson({ clientId: 'id.apps.googleusercontent.com', clientSecret: 'GOCSPX-secret', refreshToken: '1//0refresh' });
    expect(googleCredentialFormat.secrets(signedIn)).toEqual(['GOCSPX-secret', '1//0refresh']);
    expect(googleCredentialFormat.secrets(key)).toEqual([privateKey]);
    expect(googleCredentialFormat.describe(signedIn)).toEqual({ kind: 'oauth', account: 'OAuth client id.apps.googleusercontent.com', lastFour: 'resh' });
    expect(googleCredentialFormat.describe('{ broken')).toBeNull();
  });
});

describe('parseOAuthClient', () => {
  it('reads a Desktop app client file, or an id and secret, and says what a Web client or a missing part needs', () => {
    const file = JSON.stringify({ installed: { client_id: 'cid.apps.googleusercontent.com', client_secret: 'GOCSPX-x', redirect_uris: ['http://localhost'] } });
    expect(parseOAuthClient({ json: file })).toEqual({ clientId: 'cid.apps.googleusercontent.com', clientSecret: 'GOCSPX-x' });
    expect(parseOAuthClient({ clientId: ' cid ', clientSecret: ' s ' })).toEqual({ clientId: 'cid', clientSecret: 's' });
    expect(refusal(() => parseOAuthClient({ json: JSON.stringify({ web: { client_id: 'x' } }) }))).toContain('Desktop app');
    expect(refusal(() => parseOAuthClient({ json: JSON.stringify({ installed: { client_id: 'x' } }) }))).toContain('"installed.client_secret"');
    expect(refusal(() => parseOAuthClient({ clientId: 'cid' }))).toContain('client secret is missing');
    expect(refusal(() => parseOAuthClient({ json: key }))).toContain('service-account key');
  });
});
