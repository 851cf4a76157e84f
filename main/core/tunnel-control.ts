/**
 * The tunnel as the core runs it: settings kept in SQLite (never a secret: the ngrok authtoken is a vault
 * name), the tunnel rebuilt when they change, every up/down transition recorded in the ledger and announced to
 * the console, and each endpoint's public URL.
 */
import type Database from 'better-sqlite3';
import type { TunnelView } from '../../preload/api';
import type { EndpointStore } from '../intake/endpoint-store';
import type { Ledger } from '../ledger/ledger';
import { createTunnel, defaultTunnelSettings, isUpDownTransition, tunnelSettingsSchema, type Tunnel, type TunnelSettings, type TunnelStatus } from '../tunnel';
import type { Vault } from '../vault/vault';
import { catchUpSupport } from './catch-up';
import type { Logger } from './logger';
import { SettingsStore } from './settings-store';

const SETTINGS_KEY = 'tunnel';

export class TunnelControl {
  private tunnel: Tunnel;
  private settings: TunnelSettings;
  private unsubscribe: () => void = () => {};
  private readonly store: SettingsStore;

  constructor(
    private readonly o: {
      sqlite: Database.Database;
      ledger: Ledger;
      vault: Vault;
      endpoints: EndpointStore;
      intakePort: number;
      logger: Logger;
      onChange: (status: TunnelStatus) => void;
      /** Called when the tunnel comes (back) up: deliveries missed meanwhile can be caught up. */
      onUp?: () => void;
    },
  ) {
    this.store = new SettingsStore(o.sqlite);
    this.settings = this.saved();
    this.tunnel = this.build();
  }

  start(): void {
    this.tunnel.start();
  }

  async stop(): Promise<void> {
    this.unsubscribe();
    await this.tunnel.stop();
  }

  publicUrl(): string | undefined {
    return this.tunnel.status().publicUrl ?? undefined;
  }

  view(): TunnelView {
    return {
      status: this.tunnel.status(),
      settings: this.settings,
      endpoints: this.o.endpoints.list().map((e) => ({
        slug: e.slug, publicUrl: this.tunnel.publicUrlFor(e.slug), catchUp: catchUpSupport(e.verifier.provider).mode,
      })),
    };
  }

  /** Validates, saves and applies new settings; throws with the field named when they are not valid. */
  async configure(raw: unknown, who: string, why: string): Promise<TunnelView> {
    const parsed = tunnelSettingsSchema.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new TunnelSettingsError(`settings.${issue.path.join('.') || 'provider'}: ${issue.message}`);
    }
    const before = this.settings;
    this.o.sqlite.transaction(() => {
      this.store.set(SETTINGS_KEY, parsed.data);
      this.o.ledger.append({ kind: 'config.changed', payload: { change: 'tunnel.configured', before, after: parsed.data, who, why } });
    })();
    await this.stop();
    this.settings = parsed.data;
    this.tunnel = this.build();
    this.tunnel.start();
    return this.view();
  }

  retry(): TunnelView {
    this.tunnel.start();
    return this.view();
  }

  private build(): Tunnel {
    const tunnel = createTunnel({
      settings: this.settings, intakePort: this.o.intakePort,
      getSecret: (name) => this.o.vault.get(name).catch(() => null),
      onError: (message, error) => this.o.logger.error(`tunnel: ${message}`, error),
    });
    this.unsubscribe = tunnel.onTransition((t) => {
      this.o.onChange(t.to);
      if (isUpDownTransition(t)) {
        this.o.ledger.append({
          kind: 'tunnel.changed',
          payload: { provider: t.to.provider, from: t.from.state, to: t.to.state, publicUrl: t.to.publicUrl, reason: t.to.reason },
        });
        this.o.logger.info(`tunnel ${t.to.provider}: ${t.from.state} -> ${t.to.state}${t.to.reason ? ` (${t.to.reason})` : ''}`);
      }
      if (t.to.state === 'up' && t.from.state !== 'up') this.o.onUp?.();
    });
    return tunnel;
  }

  private saved(): TunnelSettings {
    const stored = this.store.get<unknown>(SETTINGS_KEY);
    if (stored === undefined) return defaultTunnelSettings;
    const parsed = tunnelSettingsSchema.safeParse(stored);
    if (parsed.success) return parsed.data;
    this.o.logger.warn(`the saved tunnel settings are no longer valid (${parsed.error.issues[0]?.message}); the tunnel stays off until they are set again`);
    return defaultTunnelSettings;
  }
}

export class TunnelSettingsError extends Error {
  override name = 'TunnelSettingsError';
}
