/**
 * Secrets live in the OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux)
 * through @napi-rs/keyring: N-API, so the same build loads under plain Node and inside Electron without a
 * per-ABI rebuild. SQLite stores only the names of secrets, never their values.
 *
 * On a headless server without a keychain, `KEEL_SECRET_<NAME>` environment variables supply secrets. There
 * is no plaintext secrets file.
 */
import { AsyncEntry } from '@napi-rs/keyring';

export type SecretSource = 'keychain' | 'environment' | 'session';

export type VaultStatus =
  | { available: true; store: string }
  | { available: false; problem: string; nextStep: string };

export interface Vault {
  /** The secret's value, or null when it is not set anywhere. Throws VaultUnavailableError only for names not set by environment. */
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<boolean>;
  /** Where a secret comes from, for the console ("from the keychain", "from KEEL_SECRET_STRIPE"). */
  source(name: string): Promise<SecretSource | null>;
  status(): Promise<VaultStatus>;
  /** Holds a value in memory for this process only: for generated sandbox secrets when no keychain exists. */
  holdForSession(name: string, value: string): void;
}

export class VaultUnavailableError extends Error {
  override name = 'VaultUnavailableError';
}

/** `stripe` -> `KEEL_SECRET_STRIPE`; `endpoint.contracts` -> `KEEL_SECRET_ENDPOINT_CONTRACTS`. */
export function environmentName(name: string): string {
  return `KEEL_SECRET_${name.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}`;
}

const CACHE_MS = 60_000;

export interface KeychainVaultOptions {
  /** Keychain service name; tests use their own so they never touch a user's entries. @default 'keel' */
  service?: string;
  env?: NodeJS.ProcessEnv;
  now?: () => number;
}

export class KeychainVault implements Vault {
  private readonly service: string;
  private readonly env: NodeJS.ProcessEnv;
  private readonly now: () => number;
  private readonly session = new Map<string, string>();
  // Each keychain read is a D-Bus round trip on Linux; hot steps read their credential from here.
  private readonly cache = new Map<string, { value: string | null; at: number }>();

  constructor(options: KeychainVaultOptions = {}) {
    this.service = options.service ?? 'keel';
    this.env = options.env ?? process.env;
    this.now = options.now ?? Date.now;
  }

  private entry(name: string): AsyncEntry {
    return new AsyncEntry(this.service, name, { linux: { store: 'secret-service' } });
  }

  async get(name: string): Promise<string | null> {
    const fromEnv = this.env[environmentName(name)];
    if (fromEnv) return fromEnv;
    const cached = this.cache.get(name);
    if (cached && this.now() - cached.at < CACHE_MS) return cached.value;
    try {
      const value = (await this.entry(name).getPassword()) ?? this.session.get(name) ?? null;
      this.cache.set(name, { value, at: this.now() });
      return value;
    } catch (error) {
      const held = this.session.get(name);
      if (held !== undefined) return held;
      throw unavailable(error);
    }
  }

  async set(name: string, value: string): Promise<void> {
    try {
      await this.entry(name).setPassword(value);
    } catch (error) {
      throw unavailable(error);
    }
    this.cache.set(name, { value, at: this.now() });
  }

  async delete(name: string): Promise<boolean> {
    this.cache.delete(name);
    this.session.delete(name);
    try {
      return await this.entry(name).deletePassword();
    } catch (error) {
      throw unavailable(error);
    }
  }

  async source(name: string): Promise<SecretSource | null> {
    if (this.env[environmentName(name)]) return 'environment';
    try {
      if ((await this.entry(name).getPassword()) !== null) return 'keychain';
    } catch {
      // An unavailable keychain holds nothing we can use.
    }
    return this.session.has(name) ? 'session' : null;
  }

  async status(): Promise<VaultStatus> {
    try {
      await this.entry('keel.status-probe').getPassword();
      return { available: true, store: keychainName() };
    } catch (error) {
      const e = unavailable(error);
      return { available: false, problem: e.message, nextStep: nextStepFor() };
    }
  }

  holdForSession(name: string, value: string): void {
    this.session.set(name, value);
  }
}

function keychainName(): string {
  if (process.platform === 'darwin') return 'macOS Keychain';
  if (process.platform === 'win32') return 'Windows Credential Manager';
  return 'Secret Service (e.g. GNOME Keyring, KWallet)';
}

function nextStepFor(): string {
  if (process.platform === 'linux') {
    return 'Unlock your keyring, or install and start a Secret Service provider (gnome-keyring or KWallet) in this session. On a server, set KEEL_SECRET_<NAME> environment variables instead.';
  }
  return 'Unlock the system keychain and try again.';
}

function unavailable(error: unknown): VaultUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  return new VaultUnavailableError(`The OS keychain (${keychainName()}) cannot be reached: ${detail}`);
}
