/**
 * Catch-up as the running app does it: for every enabled Stripe-verified endpoint, fetch the events missed
 * while Keel could not be reached (at start, and whenever the tunnel comes back up) and feed them through the
 * intake's dedup-checked path. Cursors live in the settings table; the calls are recorded like any connector's.
 */
import type Database from 'better-sqlite3';
import type { ExchangeSink } from '../connectors/recording';
import { recordingAgentFor } from '../connectors/recording';
import type { EndpointStore } from '../intake/endpoint-store';
import type { Intake } from '../intake/intake';
import type { Vault } from '../vault/vault';
import { StripeCatchUp, stripeEventClient, type CatchUpCursor, type CatchUpCursorStore } from './catch-up';
import type { Logger } from './logger';
import type { Providers } from './providers';
import { SettingsStore } from './settings-store';

export function createCatchUpAll(o: {
  sqlite: Database.Database;
  endpoints: EndpointStore;
  providers: Providers;
  vault: Vault;
  sink: ExchangeSink;
  intake: Intake;
  logger: Logger;
}): () => Promise<void> {
  const settings = new SettingsStore(o.sqlite);
  const cursors: CatchUpCursorStore = {
    get: (slug) => settings.get<CatchUpCursor>(`catchup.${slug}`) ?? null,
    set: (slug, cursor) => settings.set(`catchup.${slug}`, cursor),
  };
  let running: Promise<void> | undefined;
  const catchUpAll = async () => {
    const stripeEndpoints = o.endpoints.list().filter((e) => e.enabled && e.verifier.provider === 'stripe');
    if (!stripeEndpoints.length) return;
    // Without the account's own key there is no event list to read (the sandbox is not the sender).
    if (o.providers.sandboxed.includes('stripe')) return;
    const apiKey = await o.vault.get('stripe').catch(() => null);
    if (!apiKey) return;
    const apiBase = o.providers.apiBaseOf(o.providers.spec('stripe')!);
    const stripe = stripeEventClient({ apiKey, apiBase, httpAgent: recordingAgentFor(apiBase, 'stripe', o.sink) });
    for (const endpoint of stripeEndpoints) {
      const types = (endpoint.verifier as { types?: string[] }).types;
      const catchUp = new StripeCatchUp({
        stripe, cursors, deliver: (event) => o.intake.acceptCaughtUp(event), ...(types && { types }),
        // Events since the endpoint was created are Keel's to have; older ones are history.
        watchingSince: () => endpoint.createdAt,
      });
      try {
        const result = await catchUp.run(endpoint.slug);
        o.logger.info(`catch-up ${endpoint.slug}: ${result.outcome}, ${result.accepted} new, ${result.duplicates} already had${result.note ? ` (${result.note})` : ''}`);
      } catch (error) {
        o.logger.warn(`catch-up ${endpoint.slug} failed; it is tried again at the next start or reconnect: ${(error as Error).message}`);
      }
    }
  };
  return () => (running ??= catchUpAll().finally(() => (running = undefined)));
}
