/**
 * Creating and changing webhook endpoints from the console: which workflow a provider's deliveries start, how
 * they are verified, whether the endpoint takes deliveries at all. A first signing secret may come along; its
 * value goes to the keychain (through EndpointSecrets) before the endpoint names it, so an endpoint never
 * points at a secret that was not kept. Every change is one `config.changed` ledger entry with before, after,
 * who and why (EndpointStore.save). Endpoints are turned off, never deleted: their deliveries stay readable.
 */
import canonicalize from 'canonicalize';
import type { Actor, CallArgs, EndpointProviderView, EndpointSavedView, EndpointView } from '../../preload/api';
import type { WorkflowStore } from '../engine/workflow-store';
import type { Endpoint, EndpointStore } from '../intake/endpoint-store';
import { ConsoleProblem } from './dispatch';
import { checkedSettings, endpointProviders, providerView } from './endpoint-providers';
import type { EndpointSecrets } from './endpoint-secrets';

export type SaveEndpointInput = CallArgs<'saveEndpoint'>;

/** `/hooks/healthz` is the intake's health check: an endpoint of that name could never receive a delivery. */
const RESERVED_SLUGS = new Set(['healthz']);

const UNSIGNED_WARNING = 'The "none" verifier checks no signature: anyone who knows the URL can start runs.';

export class EndpointEditing {
  constructor(
    private readonly endpoints: EndpointStore,
    private readonly workflows: Pick<WorkflowStore, 'currentVersion'>,
    private readonly secrets: EndpointSecrets,
  ) {}

  providers(): EndpointProviderView[] {
    return endpointProviders();
  }

  async save(input: SaveEndpointInput): Promise<EndpointSavedView> {
    const existing = this.existing(input.mode, input.slug);
    const next = this.checked(input, existing);
    const secretName = input.secret
      ? await this.secrets.keep(input.slug, next.verifier.provider, input.secret.kind === 'given' ? input.secret.value : undefined)
      : null;
    try {
      // Checked again after the keychain's await: another save may have created the same slug meanwhile.
      if (this.existing(input.mode, input.slug) !== existing) throw new ConsoleProblem('conflict', `Endpoint "${input.slug}" was changed meanwhile: reload and try again.`);
      const endpoint = { ...next, secretRefs: secretName ? [...next.secretRefs, secretName] : next.secretRefs };
      if (!existing || secretName || !sameEndpoint(existing, endpoint)) this.endpoints.save(endpoint, input.actor);
    } catch (error) {
      if (secretName) await this.secrets.discard(secretName);
      throw error;
    }
    return {
      endpoint: await this.secrets.view(input.slug),
      created: !existing,
      secret: secretName ? { name: secretName, kind: input.secret?.kind === 'given' ? 'given' : 'generated' } : null,
    };
  }

  /** Turning on an unsigned (`none`) endpoint needs the same confirmation as saving one. */
  async setEnabled(slug: string, enabled: boolean, allowUnsigned: boolean, actor: Actor): Promise<EndpointView> {
    const endpoint = this.existing('update', slug)!;
    if (enabled && !allowUnsigned && endpoint.verifier.provider === 'none') {
      throw new ConsoleProblem('invalid_input', `${UNSIGNED_WARNING} Confirm that to turn "${slug}" on, or choose a signing verifier first.`);
    }
    if (endpoint.enabled !== enabled) this.endpoints.save({ ...endpoint, enabled }, actor);
    return this.secrets.view(slug);
  }

  private existing(mode: SaveEndpointInput['mode'], slug: string): Endpoint | undefined {
    const endpoint = this.endpoints.get(slug);
    if (mode === 'create' && endpoint) throw new ConsoleProblem('conflict', `There is already an endpoint "${slug}": edit it, or choose another slug.`);
    if (mode === 'update' && !endpoint) throw new ConsoleProblem('not_found', `There is no endpoint "${slug}": create it first.`);
    return endpoint;
  }

  /** The endpoint as it will be saved (without a new secret), or a problem naming the field. */
  private checked(input: SaveEndpointInput, existing: Endpoint | undefined): Omit<Endpoint, 'createdAt'> {
    if (!existing && RESERVED_SLUGS.has(input.slug)) {
      throw new ConsoleProblem('invalid_input', `slug: "${input.slug}" is reserved for the intake's health check (/hooks/healthz); choose another.`);
    }
    if (this.workflows.currentVersion(input.workflowId) === null) {
      throw new ConsoleProblem('invalid_input', `workflowId: there is no workflow "${input.workflowId}"; choose one from Workflows.`);
    }
    const checked = checkedSettings(input.verifier);
    if (!checked.ok) throw new ConsoleProblem('invalid_input', `verifier: ${checked.problem}.`);
    const provider = providerView(checked.settings.provider)!;
    if (!provider.authenticates && !input.allowUnsigned) {
      throw new ConsoleProblem('invalid_input', `${UNSIGNED_WARNING} Confirm that (allowUnsigned) to use it, or choose the sender's own verifier.`);
    }
    this.checkSecret(input, provider, checked.settings.hookSecret === true);
    return { slug: input.slug, workflowId: input.workflowId, verifier: checked.settings, secretRefs: existing?.secretRefs ?? [], enabled: input.enabled };
  }

  private checkSecret(input: SaveEndpointInput, provider: EndpointProviderView, fromHandshake: boolean): void {
    if (!input.secret) return;
    if (provider.secretSource === 'none') throw new ConsoleProblem('invalid_input', 'secret: the "none" verifier uses no signing secret; leave it empty.');
    if (fromHandshake) {
      throw new ConsoleProblem('invalid_input', "secret: this endpoint takes its secret from the sender's X-Hook-Secret handshake (Asana); leave it empty.");
    }
    if (input.secret.kind === 'generate' && provider.secretSource !== 'provider-or-keel') {
      throw new ConsoleProblem('invalid_input', `secret: ${provider.title} makes its own signing secret, so Keel cannot generate it: paste it. ${provider.secretHint}`);
    }
  }
}

/** Saving what is already there records nothing: the ledger should show changes, not clicks. */
function sameEndpoint(existing: Endpoint, next: Omit<Endpoint, 'createdAt'>): boolean {
  const { createdAt: _created, ...before } = existing;
  return canonicalize(before) === canonicalize(next);
}
