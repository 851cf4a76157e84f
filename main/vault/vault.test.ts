/**
 * The vault against the real OS keychain: on Linux, GNOME Keyring's Secret Service in the private D-Bus
 * session `npm test` starts (scripts/with-keyring.mjs).
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { environmentName, KeychainVault } from './vault';

const service = `keel-test-${randomUUID()}`;
const vault = new KeychainVault({ service, env: {} });
const names: string[] = [];
const name = (n: string) => (names.push(n), n);

afterAll(async () => {
  for (const n of names) await vault.delete(n).catch(() => {});
});

describe('vault (real keychain)', () => {
  it('reports the keychain as available', async () => {
    expect(await vault.status()).toMatchObject({ available: true });
  });

  it('keeps a secret in the keychain, where another process can read it', async () => {
    const n = name('stripe');
    await vault.set(n, 'sk_test_visible_to_the_keychain_only');
    expect(await vault.get(n)).toBe('sk_test_visible_to_the_keychain_only');
    expect(await vault.source(n)).toBe('keychain');
    // A second vault (as another Keel process would) reads the same entry from the OS, not from memory.
    expect(await new KeychainVault({ service, env: {} }).get(n)).toBe('sk_test_visible_to_the_keychain_only');
  });

  it('forgets a deleted secret', async () => {
    const n = name('asana');
    await vault.set(n, 'pat-to-delete-0001');
    expect(await vault.delete(n)).toBe(true);
    expect(await vault.get(n)).toBeNull();
    expect(await new KeychainVault({ service, env: {} }).get(n)).toBeNull();
  });

  it('lets KEEL_SECRET_<NAME> stand in on a server without a keychain, and says so', async () => {
    const env = { [environmentName('slack')]: 'xoxb-from-the-environment' };
    const fromEnv = new KeychainVault({ service, env });
    expect(environmentName('endpoint.contracts.signing')).toBe('KEEL_SECRET_ENDPOINT_CONTRACTS_SIGNING');
    expect(await fromEnv.get('slack')).toBe('xoxb-from-the-environment');
    expect(await fromEnv.source('slack')).toBe('environment');
  });

  it('explains what to do when the keychain cannot be reached', () => {
    // A separate process: the keychain connection of this one is already open.
    const script = "import { KeychainVault } from './main/vault/vault.ts'; console.log(JSON.stringify(await new KeychainVault().status()));";
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/keel-test-bus' },
      encoding: 'utf8',
    });
    const status = JSON.parse(out);
    expect(status.available).toBe(false);
    expect(status.problem).toContain('cannot be reached');
    expect(status.nextStep).toMatch(/Secret Service/);
  });
});
