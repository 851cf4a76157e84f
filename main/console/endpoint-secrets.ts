/**
 * Endpoints as the console shows them, and the rotation of their signing secrets: add the new secret (both are
 * accepted from then on), give it to the provider, then retire the old one. Values live in the keychain; the
 * endpoint keeps their names; the ledger records each change, never a value.
 */
import { randomBytes } from 'node:crypto';
import type { EndpointView } from '../../preload/api';
import type { EndpointStore } from '../intake/endpoint-store';
import { catchUpSupport } from '../core/catch-up';
import { verifierFor } from '../intake/verifiers';
import type { SecretScrubber } from '../ledger/redaction';
import type { Vault } from '../vault/vault';
import { ConsoleProblem } from './dispatch';
import { providerView } from './endpoint-providers';

export class EndpointSecrets {
  constructor(
    private readonly endpoints: EndpointStore,
    private readonly vault: Vault,
    private readonly scrubber: SecretScrubber,
    private readonly intakeUrl: string,
  ) {}

  async list(): Promise<EndpointView[]> {
    return Promise.all(this.endpoints.list().map((e) => this.view(e.slug)));
  }

  async add(slug: string, given: string | undefined, who: string, why: string): Promise<EndpointView> {
    const endpoint = this.endpoint(slug);
    const name = await this.keep(slug, endpoint.verifier.provider, given);
    this.endpoints.save({ ...endpoint, secretRefs: [...endpoint.secretRefs, name] }, { who, why });
    return this.view(slug);
  }

  /**
   * Puts a signing secret (given, or generated for `provider`) in the keychain and answers its name, which the
   * caller adds to the endpoint. Throws `unavailable` when the keychain refuses; nothing is kept then.
   */
  async keep(slug: string, provider: string, given: string | undefined): Promise<string> {
    if (given === undefined && providerView(provider)?.secretSource !== 'provider-or-keel') {
      // A secret Keel made up would never match the one the provider signs with: every delivery would get 401.
      const view = providerView(provider);
      throw new ConsoleProblem('invalid_input', `value: ${view?.title ?? provider} makes its own signing secret, so Keel cannot generate it: paste it. ${view?.secretHint ?? ''}`.trim());
    }
    const value = given ?? generatedSecret(provider);
    const name = `endpoint.${slug}.signing.${Date.now().toString(36)}`;
    try {
      await this.vault.set(name, value);
    } catch (error) {
      throw new ConsoleProblem('unavailable', `${(error as Error).message}. Unlock the keychain and try again.`);
    }
    this.scrubber.remember(value);
    return name;
  }

  /** Forgets a secret `keep` stored for a save that did not happen. */
  async discard(name: string): Promise<void> {
    await this.vault.delete(name).catch(() => false);
  }

  async retire(slug: string, name: string, who: string, why: string): Promise<EndpointView> {
    const endpoint = this.endpoint(slug);
    if (!endpoint.secretRefs.includes(name)) throw new ConsoleProblem('not_found', `Endpoint "${slug}" has no signing secret named ${name}.`);
    if (endpoint.secretRefs.length === 1 && verifierFor(endpoint.verifier.provider)?.authenticates) {
      throw new ConsoleProblem('conflict', `That is the only signing secret of "${slug}": add the new one first, then retire this one.`);
    }
    this.endpoints.save({ ...endpoint, secretRefs: endpoint.secretRefs.filter((r) => r !== name) }, { who, why });
    await this.vault.delete(name).catch(() => false); // already unusable: the endpoint no longer names it
    return this.view(slug);
  }

  private endpoint(slug: string) {
    const endpoint = this.endpoints.get(slug);
    if (!endpoint) throw new ConsoleProblem('not_found', `There is no endpoint "${slug}".`);
    return endpoint;
  }

  async view(slug: string): Promise<EndpointView> {
    const e = this.endpoint(slug);
    const secrets = await Promise.all(e.secretRefs.map(async (name) => {
      const value = await this.vault.get(name).catch(() => null);
      return { name, source: value ? await this.vault.source(name) : null, lastFour: value ? value.slice(-4) : null };
    }));
    const { provider, ...settings } = e.verifier;
    return {
      slug: e.slug, workflowId: e.workflowId, verifier: provider, authenticates: verifierFor(provider)?.authenticates ?? false,
      url: `${this.intakeUrl}${e.slug}`, secrets, enabled: e.enabled, settings, createdAt: e.createdAt, catchUp: catchUpSupport(provider),
    };
  }
}

/** Standard Webhooks secrets are `whsec_` + base64; other schemes take any long random string. */
function generatedSecret(provider: string): string {
  const bytes = randomBytes(32);
  return provider === 'standard-webhooks' ? `whsec_${bytes.toString('base64')}` : bytes.toString('base64url');
}
