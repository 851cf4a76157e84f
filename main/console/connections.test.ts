/**
 * Connections through the real OS keychain (GNOME Keyring in the test's private D-Bus session): a credential
 * set in the console goes to the keychain, switches its connector off the sandbox at once, is checked with one
 * harmless call, and never lands in SQLite — only its name, last four and the check.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionCheckView, ConnectionsView, ConnectionView } from '../../preload/api';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { startSandbox, type Sandbox } from '../sandbox';
import { KeychainVault } from '../vault/vault';
import { dispatch } from './dispatch';

let keel: Keel;
let provider: Sandbox;
let dir: string;
const vault = new KeychainVault({ service: `keel-test-${randomUUID()}`, env: {} });
const actor = { who: 'Dana', why: 'connecting our Stripe account' };
const call = async <T>(name: string, input: unknown = {}): Promise<T> => {
  const result = await dispatch(keel.handlers, name, input);
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
};

beforeAll(async () => {
  // Stands in for Stripe's real API, which accepts exactly one key.
  provider = await startSandbox({ latencyMs: 0, stripe: { apiKey: 'sk_test_the_right_key_1234' } });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-connections-'));
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault, env: { KEEL_STRIPE_API_BASE: provider.providers.stripe.apiBase, KEEL_SANDBOX_LATENCY_MS: '0' } });
});
afterAll(async () => {
  await keel.stop();
  await vault.delete('stripe').catch(() => {});
  await provider.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('connections', () => {
  it('starts with every connector on the sandbox and the keychain available', async () => {
    const view = await call<ConnectionsView>('listConnections');
    expect(view.keychain.available).toBe(true);
    expect(view.connections.map((c) => [c.connector, c.state, c.sandbox])).toEqual([
      ['stripe', 'not_set', true], ['asana', 'not_set', true], ['slack', 'not_set', true], ['googleDrive', 'not_set', true],
    ]);
  });

  it('sets a credential into the keychain and switches Stripe to the provider at once', async () => {
    const key = provider.providers.stripe.credential;
    const stripe = await call<ConnectionView>('setCredential', { connector: 'stripe', value: key, actor });
    expect(stripe).toMatchObject({ state: 'set', source: 'keychain', lastFour: key.slice(-4), sandbox: false, apiBase: provider.providers.stripe.apiBase, kind: 'token', kinds: ['token'] });
    expect(await vault.get('stripe')).toBe(key);
    expect((await call<{ sandboxConnectors: string[] }>('getAppInfo')).sandboxConnectors).not.toContain('stripe');
    expect(await call<ConnectionCheckView>('testConnection', { connector: 'stripe' })).toMatchObject({ ok: true, problem: null });
  });

  it('refuses a kind the connector does not take, before anything is stored', async () => {
    const r = await dispatch(keel.handlers, 'setCredential', { connector: 'stripe', value: 'sk_test_other_key_5678', kind: 'service_account', actor });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', message: 'Stripe takes a pasted key or token, not a service-account key.' } });
    expect(await vault.get('stripe')).toBe(provider.providers.stripe.credential);
  });

  it('says plainly when a credential is refused', async () => {
    await call('setCredential', { connector: 'stripe', value: 'sk_test_this_key_is_wrong_0000', actor });
    expect(await call<ConnectionCheckView>('testConnection', { connector: 'stripe' })).toMatchObject({ ok: false, problem: 'bad_credential' });
  });

  it('keeps only the name, last four and checks in SQLite, and records the change without the value', () => {
    keel.store.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    const file = fs.readFileSync(path.join(dir, 'keel.db'));
    expect(file.includes(Buffer.from(provider.providers.stripe.credential))).toBe(false);
    expect(file.includes(Buffer.from('sk_test_this_key_is_wrong_0000'))).toBe(false);
    const changes = keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'config.changed' AND connector = 'stripe'").all() as { payload: string }[];
    expect(changes.map((c) => JSON.parse(c.payload))).toContainEqual({ change: 'credential.set', credential: 'stripe', kind: 'token', lastFour: '0000', who: 'Dana', why: actor.why });
  });

  it('removes a credential from the keychain and goes back to the sandbox', async () => {
    const stripe = await call<ConnectionView>('removeCredential', { connector: 'stripe', actor });
    expect(stripe).toMatchObject({ state: 'not_set', sandbox: true, lastFour: null });
    expect(await vault.get('stripe')).toBeNull();
  });
});
