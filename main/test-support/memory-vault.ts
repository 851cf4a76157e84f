/** A Vault held in memory, for tests of other parts (the vault's own tests use the real keychain). */
import type { SecretSource, Vault, VaultStatus } from '../vault/vault';

export class MemoryVault implements Vault {
  readonly values = new Map<string, string>();

  async get(name: string) {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string) {
    this.values.set(name, value);
  }
  async delete(name: string) {
    return this.values.delete(name);
  }
  async source(name: string): Promise<SecretSource | null> {
    return this.values.has(name) ? 'keychain' : null;
  }
  async status(): Promise<VaultStatus> {
    return { available: true, store: 'memory' };
  }
  holdForSession(name: string, value: string) {
    this.values.set(name, value);
  }
}
