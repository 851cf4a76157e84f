/**
 * Decides, per connector, whether Keel talks to the real provider or to its built-in sandbox fake. A
 * connector whose credential is set (keychain or `KEEL_SECRET_<NAME>`) uses the provider's API, or the base
 * URL given in `KEEL_<PROVIDER>_API_BASE`; without a credential it uses the sandbox, which needs no account.
 */
import type { Connector, ConnectorLimits } from '../connectors/connector';
import { createAsanaConnector } from '../connectors/asana';
import { ConnectorFailure } from '../connectors/failure';
import { createGoogleDriveConnector } from '../connectors/google-drive';
import { createHttpConnector } from '../connectors/http';
import type { ExchangeSink } from '../connectors/recording';
import type { ConnectorSettings } from '../connectors/settings';
import { createSlackConnector } from '../connectors/slack';
import { createStripeConnector } from '../connectors/stripe';
import type { SecretScrubber } from '../ledger/redaction';
import { startSandbox, type Sandbox, type SandboxProviderId } from '../sandbox';
import type { Vault } from '../vault/vault';
import type { Logger } from './logger';

interface ProviderSpec {
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
    limits: () => ({ concurrency: 8, rate: { perSecond: 10, burst: 20 } }) },
];

export interface Providers {
  connectors: Connector[];
  /** Connector ids running against the sandbox. */
  sandboxed: string[];
  /** The sandbox fakes, when any connector uses them (tests and demos look inside). */
  sandbox: Sandbox | undefined;
  close(): Promise<void>;
}

export async function startProviders(o: {
  vault: Vault;
  env: NodeJS.ProcessEnv;
  sink: ExchangeSink;
  scrubber: SecretScrubber;
  logger: Logger;
}): Promise<Providers> {
  const configured = new Map<string, string | null>();
  for (const spec of PROVIDERS) {
    const value = await o.vault.get(spec.secret).catch(() => null);
    o.scrubber.remember(value);
    configured.set(spec.id, value);
  }
  const needsSandbox = PROVIDERS.filter((p) => !configured.get(p.id));
  const latency = Number(o.env.KEEL_SANDBOX_LATENCY_MS ?? 25);
  const sandbox = needsSandbox.length ? await startSandbox({ latencyMs: Number.isFinite(latency) ? latency : 25 }) : undefined;
  // The sample workflow alerts #ops-alerts; the sandbox workspace has one, as a real team's would.
  sandbox?.slack.fake.addChannel({ name: 'ops-alerts' });

  const connectors = PROVIDERS.map((spec) => {
    const value = configured.get(spec.id);
    if (value) {
      const credential = async () => {
        const current = await o.vault.get(spec.secret).catch((error: Error) => {
          throw ConnectorFailure.permanent(`${spec.title}'s credential cannot be read: ${error.message}`, 'credential_unavailable');
        });
        if (!current) throw ConnectorFailure.permanent(`${spec.title} has no credential: set it in Connections.`, 'credential_missing');
        o.scrubber.remember(current);
        return current;
      };
      const connector = spec.create({ apiBase: o.env[spec.baseEnv] || spec.realBase, credential, sink: o.sink });
      // KEEL_RATE_LIMITS=off: for a base URL that is not the provider (a local mock, a recording proxy).
      return o.env.KEEL_RATE_LIMITS === 'off' ? connector : { ...connector, limits: spec.limits(value) };
    }
    const fake = sandbox!.providers[spec.id];
    o.scrubber.remember(fake.credential);
    return spec.create({ apiBase: fake.apiBase, credential: async () => fake.credential, sink: o.sink });
  });
  connectors.push(createHttpConnector(o.sink));

  return {
    connectors,
    sandboxed: needsSandbox.map((p) => p.connectorId),
    sandbox,
    close: async () => {
      await sandbox?.close();
    },
  };
}
