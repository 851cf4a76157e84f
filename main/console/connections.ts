/**
 * Connections: each connector's credential as the console may see it. Values go straight to the vault (the OS
 * keychain); SQLite keeps the name, when it was set, its last four characters and the last check. Setting or
 * removing a credential switches that connector between its provider and the sandbox at once, and the change
 * (never the value) is recorded in the ledger. A credential's kind (pasted token, OAuth sign-in, service-account
 * key) is read from the value itself, so one set through `KEEL_SECRET_<NAME>` shows its kind too.
 */
import type Database from 'better-sqlite3';
import type { ConnectionCheckView, ConnectionsView, ConnectionView, CredentialKind } from '../../preload/api';
import { CredentialFormatError } from '../connectors/credential-format';
import type { Providers } from '../core/providers';
import type { Ledger } from '../ledger/ledger';
import type { SecretScrubber } from '../ledger/redaction';
import type { Vault } from '../vault/vault';
import { ConsoleProblem } from './dispatch';
import { GoogleSignIns } from './google-sign-in';

interface CredentialRow {
  setAt: number | null;
  lastFour: string | null;
  lastCheck: string | null;
}

export class Connections {
  /** "Sign in with Google": each successful sign-in is stored through `set`. */
  readonly google: GoogleSignIns;

  constructor(
    private readonly sqlite: Database.Database,
    private readonly ledger: Ledger,
    private readonly vault: Vault,
    private readonly providers: Providers,
    private readonly scrubber: SecretScrubber,
    private readonly now: () => number = Date.now,
  ) {
    this.google = new GoogleSignIns(this, providers, vault, scrubber);
  }

  /** Stops sign-ins still waiting for Google's answer. */
  close(): void {
    this.google.close();
  }

  async list(): Promise<ConnectionsView> {
    const keychain = await this.vault.status();
    const connections = [];
    for (const spec of this.providers.specs()) connections.push(await this.view(spec.connectorId));
    return { keychain, connections };
  }

  /** Checks the value (as `kind`, when given), stores it in the keychain and switches the connector to its provider. */
  async set(connectorId: string, value: string, who: string, why: string, options: { kind?: CredentialKind | undefined; impersonate?: string | undefined } = {}): Promise<ConnectionView> {
    const spec = this.spec(connectorId);
    const format = this.providers.formatOf(spec);
    let stored: string;
    try {
      stored = format.prepare(value, options);
    } catch (error) {
      if (error instanceof CredentialFormatError) throw new ConsoleProblem('invalid_input', error.message);
      throw error;
    }
    const facts = format.describe(stored)!;
    try {
      await this.vault.set(spec.secret, stored);
    } catch (error) {
      const status = await this.vault.status();
      throw new ConsoleProblem('unavailable', `${(error as Error).message}. ${status.available ? '' : status.nextStep}`.trim());
    }
    this.providers.rememberSecrets(spec, stored);
    const at = this.now();
    this.sqlite.transaction(() => {
      this.sqlite
        .prepare(`INSERT INTO credentials (name, connector, set_at, last_four) VALUES (?, ?, ?, ?)
          ON CONFLICT (name) DO UPDATE SET set_at = excluded.set_at, last_four = excluded.last_four, last_checked_at = NULL, last_check = NULL`)
        .run(spec.secret, connectorId, at, facts.lastFour);
      this.ledger.append({
        kind: 'config.changed', at, connector: connectorId,
        payload: { change: 'credential.set', credential: spec.secret, kind: facts.kind, ...(facts.account && { account: facts.account }), lastFour: facts.lastFour, who, why },
      });
    })();
    await this.providers.reconfigure(connectorId);
    return this.view(connectorId);
  }

  async remove(connectorId: string, who: string, why: string): Promise<ConnectionView> {
    const spec = this.spec(connectorId);
    try {
      await this.vault.delete(spec.secret);
    } catch (error) {
      throw new ConsoleProblem('unavailable', (error as Error).message);
    }
    const at = this.now();
    this.sqlite.transaction(() => {
      this.sqlite.prepare('DELETE FROM credentials WHERE name = ?').run(spec.secret);
      this.ledger.append({ kind: 'config.changed', at, connector: connectorId, payload: { change: 'credential.removed', credential: spec.secret, who, why } });
    })();
    await this.providers.reconfigure(connectorId);
    return this.view(connectorId);
  }

  async test(connectorId: string): Promise<ConnectionCheckView> {
    const spec = this.spec(connectorId);
    const connector = this.providers.connectors().find((c) => c.id === spec.connectorId)!;
    const result = await connector.testConnection().catch((error: Error) => ({ ok: false as const, problem: 'unknown' as const, detail: error.message }));
    const check: ConnectionCheckView = { ok: result.ok, problem: result.ok ? null : result.problem, detail: result.detail, at: this.now() };
    this.sqlite
      .prepare(`INSERT INTO credentials (name, connector, last_checked_at, last_check) VALUES (?, ?, ?, ?)
        ON CONFLICT (name) DO UPDATE SET last_checked_at = excluded.last_checked_at, last_check = excluded.last_check`)
      .run(spec.secret, connectorId, check.at, JSON.stringify(check));
    return check;
  }

  private spec(connectorId: string) {
    const spec = this.providers.spec(connectorId);
    if (!spec) throw new ConsoleProblem('not_found', `There is no connector "${connectorId}" with a credential. Connectors: ${this.providers.specs().map((s) => s.connectorId).join(', ')}.`);
    return spec;
  }

  private async view(connectorId: string): Promise<ConnectionView> {
    const spec = this.spec(connectorId);
    const row = this.sqlite.prepare('SELECT set_at AS setAt, last_four AS lastFour, last_check AS lastCheck FROM credentials WHERE name = ?').get(spec.secret) as CredentialRow | undefined;
    const source = await this.vault.source(spec.secret);
    const sandbox = this.providers.sandboxed.includes(connectorId);
    const format = this.providers.formatOf(spec);
    const value = source ? await this.vault.get(spec.secret).catch(() => null) : null;
    const facts = value ? format.describe(value) : null;
    return {
      connector: connectorId, title: spec.title, credentialName: spec.secret, state: source ? 'set' : 'not_set', source,
      lastFour: source ? (row?.lastFour ?? facts?.lastFour ?? null) : null, setAt: row?.setAt ?? null,
      lastCheck: row?.lastCheck ? (JSON.parse(row.lastCheck) as ConnectionCheckView) : null,
      sandbox, apiBase: sandbox ? 'Keel sandbox' : this.providers.apiBaseOf(spec),
      kind: facts?.kind ?? null, account: facts?.account ?? null, kinds: format.kinds,
    };
  }
}
