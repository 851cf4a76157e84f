/**
 * Decides, per connector, whether Keel talks to the real provider or to its built-in sandbox fake. A
 * connector whose credential is set (keychain or `KEEL_SECRET_<NAME>`) uses the provider's API, or the base
 * URL given in `KEEL_<PROVIDER>_API_BASE` (and OAuth endpoints in `KEEL_GOOGLE_AUTH_URL` / `KEEL_GOOGLE_TOKEN_URL`);
 * without a credential it uses the sandbox, which needs no account.
 */
import type { Connector, ConnectorAction, ConnectorLimits, ConnectorRegistry } from '../connectors/connector';
import { createAsanaConnector } from '../connectors/asana';
import { tokenFormat, type CredentialFormat } from '../connectors/credential-format';
import { ConnectorFailure } from '../connectors/failure';
import { createGoogleDriveConnector } from '../connectors/google-drive';
import { googleCredentialFormat } from '../connectors/google-auth/credential';
import { GOOGLE_OAUTH } from '../connectors/google-auth/endpoints';
import { createHttpConnector } from '../connectors/http';
import type { ExchangeSink } from '../connectors/recording';
import type { ConnectorSettings, OAuthEndpoints } from '../connectors/settings';
import { createSlackConnector } from '../connectors/slack';
import { createStripeConnector } from '../connectors/stripe';
import type { SecretScrubber } from '../ledger/redaction';
import { startSandbox, type Sandbox, type SandboxProviderId } from '../sandbox';
import type { Vault } from '../vault/vault';
import type { Logger } from './logger';

export interface ProviderSpec {
  id: SandboxProviderId;
  connectorId: string;
  title: string;
  /** Vault name of the credential; also `KEEL_SECRET_<NAME>`. */
  secret: string;
  baseEnv: string;
  realBase: string;
  create: (settings: ConnectorSettings) => Connector;
  /** The provider's published limits for this credential; the sandbox has none. */
  limits: (credential: string) => ConnectorLimits;
  /** The credential's kinds and shape, when it is more than one pasted token. */
  credential?: CredentialFormat;
  /** OAuth endpoints the credential uses, and the variables that point them elsewhere (like `baseEnv`). */
  oauth?: { authorizationEnv: string; tokenEnv: string; authorizationUrl: string; tokenUrl: string };
}

export const PROVIDERS: ProviderSpec[] = [
  { id: 'stripe', connectorId: 'stripe', title: 'Stripe', secret: 'stripe', baseEnv: 'KEEL_STRIPE_API_BASE', realBase: 'https://api.stripe.com', create: createStripeConnector,
    // 100 requests/s in live mode, 25 in test mode.
    limits: (key) => ({ concurrency: 16, rate: key.startsWith('sk_test_') ? { perSecond: 25, burst: 25 } : { perSecond: 100, burst: 100 } }) },
  { id: 'asana', connectorId: 'asana', title: 'Asana', secret: 'asana', baseEnv: 'KEEL_ASANA_API_BASE', realBase: 'https://app.asana.com/api/1.0', create: createAsanaConnector,
    // 150 requests/min on the free plan; paid plans allow 1,500 (a setting will raise it).
    limits: () => ({ concurrency: 8, rate: { perSecond: 2.5, burst: 10 } }) },
  { id: 'slack', connectorId: 'slack', title: 'Slack', secret: 'slack', baseEnv: 'KEEL_SLACK_API_BASE', realBase: 'https://slack.com/api/', create: createSlackConnector,
    // Tier 2 methods (conversations.create/invite) allow 20+/min; chat.postMessage ~1/s per channel.
    limits: () => ({ concurrency: 4, rate: { perSecond: 0.5, burst: 10 } }) },
  { id: 'drive', connectorId: 'googleDrive', title: 'Google Drive', secret: 'google', baseEnv: 'KEEL_GOOGLE_API_BASE', realBase: 'https://www.googleapis.com/', create: createGoogleDriveConnector,
    credential: googleCredentialFormat, oauth: GOOGLE_OAUTH,
    limits: () => ({ concurrency: 8, rate: { perSecond: 10, burst: 20 } }) },
];

interface ProvidersOptions {
  vault: Vault;
  env: NodeJS.ProcessEnv;
  sink: ExchangeSink;
  scrubber: SecretScrubber;
  logger: Logger;
}

/**
 * The connectors Keel uses right now. Setting or removing a credential switches that one connector between its
 * provider and the sandbox without a restart; the registry the engine reads always has the current ones.
 */
export class Providers implements ConnectorRegistry {
  private readonly byId = new Map<string, Connector>();
  private readonly onSandbox = new Set<string>();
  /** The sandbox fakes, when any connector uses them (tests and demos look inside). */
  sandbox: Sandbox | undefined;

  private constructor(private readonly o: ProvidersOptions) {
    const http = createHttpConnector(o.sink);
    this.byId.set(http.id, http);
  }

  static async start(o: ProvidersOptions): Promise<Providers> {
    const providers = new Providers(o);
    for (const spec of PROVIDERS) await providers.configure(spec);
    return providers;
  }

  /** Connector ids running against the sandbox. */
  get sandboxed(): string[] {
    return PROVIDERS.filter((p) => this.onSandbox.has(p.connectorId)).map((p) => p.connectorId);
  }

  specs(): ProviderSpec[] {
    return PROVIDERS;
  }

  apiBaseOf(spec: ProviderSpec): string {
    return this.o.env[spec.baseEnv] || spec.realBase;
  }

  formatOf(spec: ProviderSpec): CredentialFormat {
    return spec.credential ?? tokenFormat(spec.title);
  }

  /** The provider's OAuth endpoints: `KEEL_<PROVIDER>_AUTH_URL` / `_TOKEN_URL`, else the provider's own. */
  oauthOf(spec: ProviderSpec): OAuthEndpoints | undefined {
    if (!spec.oauth) return undefined;
    return { authorizationUrl: this.o.env[spec.oauth.authorizationEnv] || spec.oauth.authorizationUrl, tokenUrl: this.o.env[spec.oauth.tokenEnv] || spec.oauth.tokenUrl };
  }

  /** Where exchanges made outside a connector's steps (a sign-in's token request) are recorded. */
  get exchanges(): ExchangeSink {
    return this.o.sink;
  }

  private readonly remembered = new Map<string, string>();

  /** Tells the recorder a credential's secrets (its parts too: a refresh token inside a JSON document). */
  rememberSecrets(spec: ProviderSpec, value: string | null): void {
    // Called on every step's credential read: a key file is parsed once per value, not per call.
    if (!value || this.remembered.get(spec.secret) === value) return;
    this.remembered.set(spec.secret, value);
    this.o.scrubber.remember(value);
    for (const part of this.formatOf(spec).secrets(value)) this.o.scrubber.remember(part);
  }

  spec(connectorId: string): ProviderSpec | undefined {
    return PROVIDERS.find((p) => p.connectorId === connectorId);
  }

  /** Re-reads the connector's credential and switches it to its provider, or back to the sandbox. */
  async reconfigure(connectorId: string): Promise<void> {
    const spec = this.spec(connectorId);
    if (spec) await this.configure(spec);
  }

  // ConnectorRegistry
  action(name: string): { connector: Connector; action: ConnectorAction } | undefined {
    const dot = name.indexOf('.');
    const connector = this.byId.get(name.slice(0, dot));
    const key = name.slice(dot + 1);
    return connector && Object.hasOwn(connector.actions, key) ? { connector, action: connector.actions[key]! } : undefined;
  }

  connectors(): Connector[] {
    return [...this.byId.values()];
  }

  async close(): Promise<void> {
    await this.sandbox?.close();
  }

  private async configure(spec: ProviderSpec): Promise<void> {
    const value = await this.o.vault.get(spec.secret).catch(() => null);
    this.rememberSecrets(spec, value);
    if (value) {
      const credential = async () => {
        const current = await this.o.vault.get(spec.secret).catch((error: Error) => {
          throw ConnectorFailure.permanent(`${spec.title}'s credential cannot be read: ${error.message}`, 'credential_unavailable');
        });
        if (!current) throw ConnectorFailure.permanent(`${spec.title} has no credential: set it in Connections.`, 'credential_missing');
        this.rememberSecrets(spec, current);
        return current;
      };
      const oauth = this.oauthOf(spec);
      const connector = spec.create({ apiBase: this.o.env[spec.baseEnv] || spec.realBase, credential, sink: this.o.sink, ...(oauth && { oauth }) });
      // KEEL_RATE_LIMITS=off: for a base URL that is not the provider (a local mock, a recording proxy).
      this.byId.set(spec.connectorId, this.o.env.KEEL_RATE_LIMITS === 'off' ? connector : { ...connector, limits: spec.limits(value) });
      this.onSandbox.delete(spec.connectorId);
      return;
    }
    const sandbox = await this.startSandbox();
    const fake = sandbox.providers[spec.id];
    this.o.scrubber.remember(fake.credential);
    const oauth = sandbox.oauth[spec.id];
    this.byId.set(spec.connectorId, spec.create({ apiBase: fake.apiBase, credential: async () => fake.credential, sink: this.o.sink, ...(oauth && { oauth }) }));
    this.onSandbox.add(spec.connectorId);
  }

  private starting: Promise<Sandbox> | undefined;

  private startSandbox(): Promise<Sandbox> {
    this.starting ??= (async () => {
      const latency = Number(this.o.env.KEEL_SANDBOX_LATENCY_MS ?? 25);
      const sandbox = await startSandbox({ latencyMs: Number.isFinite(latency) ? latency : 25 });
      // The sample workflow alerts #ops-alerts; the sandbox workspace has one, as a real team's would.
      sandbox.slack.fake.addChannel({ name: 'ops-alerts' });
      this.sandbox = sandbox;
      return sandbox;
    })();
    return this.starting;
  }
}
