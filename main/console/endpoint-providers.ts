/**
 * The verifier providers as the endpoint form offers them: the settings each verifier actually reads (nothing it
 * would ignore), where its signing secret is found, and the check of settings a user gives. A setting's type is
 * checked here; what the value means is checked by the verifier's own `settingsProblem`, so both speak of the field.
 */
import type { EndpointProviderView, EndpointSettingField } from '../../preload/api';
import { catchUpSupport } from '../core/catch-up';
import { DROPBOX_SIGN_TOLERANCE_SECONDS } from '../intake/verifiers/dropbox-sign';
import { verifierFor, verifierNames, type VerifierSettings } from '../intake/verifiers';
import { DEFAULT_TOLERANCE_SECONDS } from '../intake/verifiers/verifier';

type Provider = Omit<EndpointProviderView, 'provider' | 'authenticates' | 'catchUp' | 'fields'> & {
  fields?: (EndpointSettingField & { itemProblem?: (item: string) => string | null; maxItems?: number })[];
};

/** Stripe's `types[]` takes at most 20 event types, named like `checkout.session.completed`. */
const STRIPE_MAX_TYPES = 20;
const STRIPE_EVENT_TYPE = /^[a-z0-9_]+(\.[a-z0-9_]+)+$/;
const HEADER_PLACEHOLDER = 'X-Signature';

const PROVIDERS: Record<string, Provider> = {
  stripe: {
    title: 'Stripe',
    secretSource: 'provider',
    secretHint: 'Stripe Dashboard → Developers → Webhooks → the endpoint → Signing secret (whsec_…).',
    fields: [{
      name: 'types', label: 'Event types', type: 'list', required: false, placeholder: 'checkout.session.completed', maxItems: STRIPE_MAX_TYPES,
      description: `The event types the endpoint is subscribed to in Stripe (at most ${STRIPE_MAX_TYPES}). Catch-up fetches only these from Stripe's event list; empty means every type.`,
      itemProblem: (item) => (STRIPE_EVENT_TYPE.test(item) ? null : `"${item}" is not a Stripe event type (like customer.created)`),
    }],
  },
  'standard-webhooks': {
    title: 'Standard Webhooks',
    secretSource: 'provider-or-keel',
    secretHint: "The sender's webhook settings show a whsec_… secret; or let Keel generate one and configure the sender with it.",
  },
  slack: { title: 'Slack', secretSource: 'provider', secretHint: 'api.slack.com/apps → your app → Basic Information → App Credentials → Signing Secret.' },
  github: {
    title: 'GitHub', secretSource: 'provider',
    secretHint: 'Repository (or organization) → Settings → Webhooks → the webhook → Secret: type the same long random string there and here.',
  },
  docusign: { title: 'DocuSign Connect', secretSource: 'provider', secretHint: 'DocuSign Admin → Integrations → Connect → Connect Keys: add a key and copy it (it is shown once).' },
  pandadoc: { title: 'PandaDoc', secretSource: 'provider', secretHint: 'PandaDoc → Settings → Integrations → Webhooks → the webhook → Shared key.' },
  'dropbox-sign': {
    title: 'Dropbox Sign', secretSource: 'provider', secretHint: "Dropbox Sign → API → API key: events are signed with the account's API key.",
    fields: [{
      name: 'toleranceSeconds', label: 'Accept events up to (seconds old)', type: 'number', required: false, default: DROPBOX_SIGN_TOLERANCE_SECONDS,
      description: 'Dropbox Sign signs when the event happened, and retries for days: a short window refuses its retries.',
    }],
  },
  hubspot: {
    title: 'HubSpot', secretSource: 'provider', secretHint: "HubSpot developer account → your app → Auth → Client secret (v3 signatures use the app's client secret).",
    fields: [{
      name: 'url', label: 'Public URL HubSpot calls', type: 'text', required: false, placeholder: 'https://hooks.example.com/hooks/crm',
      description: "HubSpot signs the URL it calls. Leave empty when the tunnel's public URL is that URL.",
    }],
  },
  typeform: {
    title: 'Typeform', secretSource: 'provider',
    secretHint: 'Typeform → the form → Connect → Webhooks → Edit → Secret: type the same long random string there and here.',
  },
  calendly: { title: 'Calendly', secretSource: 'provider', secretHint: "The signing_key given when the webhook subscription was created with Calendly's API." },
  hmac: {
    title: 'Generic HMAC',
    secretSource: 'provider-or-keel',
    secretHint: 'The key the sender signs with: paste it, or let Keel generate one and configure the sender with it. For Asana, turn on the handshake and leave it empty.',
    fields: [
      { name: 'header', label: 'Signature header', type: 'text', required: true, placeholder: HEADER_PLACEHOLDER },
      { name: 'algorithm', label: 'Algorithm', type: 'choice', required: false, choices: ['sha256', 'sha1', 'sha512'], default: 'sha256' },
      { name: 'encoding', label: 'Encoding', type: 'choice', required: false, choices: ['hex', 'base64'], default: 'hex' },
      { name: 'prefix', label: 'Prefix before the signature', type: 'text', required: false, placeholder: 'sha256=' },
      {
        name: 'template', label: 'What is signed', type: 'text', required: false, default: '{body}', placeholder: '{timestamp}.{body}',
        description: 'Uses {body}, {timestamp}, {method} and {url} (the public URL called).',
      },
      { name: 'timestampHeader', label: 'Timestamp header', type: 'text', required: false, placeholder: 'X-Timestamp', description: 'Only when the template signs {timestamp}.' },
      { name: 'timestampUnit', label: 'Timestamp unit', type: 'choice', required: false, choices: ['s', 'ms'], default: 's' },
      { name: 'toleranceSeconds', label: 'Timestamp tolerance (seconds)', type: 'number', required: false, default: DEFAULT_TOLERANCE_SECONDS },
      { name: 'deliveryIdHeader', label: 'Delivery id header', type: 'text', required: false, placeholder: 'X-Delivery-Id', description: 'Repeated deliveries with the same id start nothing.' },
      { name: 'deliveryIdField', label: 'Delivery id field in the body', type: 'text', required: false, placeholder: 'event.id' },
      { name: 'url', label: 'Public URL called', type: 'text', required: false, description: 'Only when the template signs {url} and the tunnel is not that URL.' },
      { name: 'hookSecret', label: 'Take the secret from an X-Hook-Secret handshake (Asana)', type: 'boolean', required: false, default: false },
      {
        name: 'hookSecretUntil', label: 'Accept the handshake until', type: 'datetime', required: false,
        description: 'Bounds the time a stranger who knows the URL could hand over a secret first: set it to just after you create the Asana webhook.',
      },
    ],
  },
  none: { title: 'None (unsafe)', secretSource: 'none', secretHint: 'No secret: anyone who knows the URL can start runs.' },
};

/** Every verifier Keel has, in the order the form lists them. */
export function endpointProviders(): EndpointProviderView[] {
  return verifierNames().flatMap((name) => providerView(name) ?? []);
}

export function providerView(name: string): EndpointProviderView | undefined {
  const verifier = verifierFor(name);
  const described = Object.hasOwn(PROVIDERS, name) ? PROVIDERS[name] : undefined;
  if (!verifier || !described) return undefined;
  const fields = (described.fields ?? []).map(({ itemProblem: _check, maxItems: _max, ...field }) => field);
  return { ...described, provider: name, authenticates: verifier.authenticates, fields, catchUp: catchUpSupport(name) };
}

/**
 * The settings to store for a provider, from what the user gave: strings trimmed, empty values left out (the
 * verifier's default applies), unknown names refused. Answers a problem naming the field instead when they are
 * not usable.
 */
export function checkedSettings(given: VerifierSettings): { ok: true; settings: VerifierSettings } | { ok: false; problem: string } {
  const described = Object.hasOwn(PROVIDERS, given.provider) ? PROVIDERS[given.provider] : undefined;
  const verifier = verifierFor(given.provider);
  if (!described || !verifier) return { ok: false, problem: `there is no verifier "${given.provider}"; choose one of ${verifierNames().join(', ')}` };
  const fields = described.fields ?? [];
  const settings: VerifierSettings = { provider: given.provider };
  for (const [name, raw] of Object.entries(given)) {
    if (name === 'provider') continue;
    const field = fields.find((f) => f.name === name);
    if (!field) {
      const known = fields.length ? `it has ${fields.map((f) => f.name).join(', ')}` : 'it has no settings';
      return { ok: false, problem: `${described.title} has no setting "${name}" (${known})` };
    }
    const value = typeof raw === 'string' ? raw.trim() : Array.isArray(raw) ? raw.map((item) => (typeof item === 'string' ? item.trim() : item)).filter((item) => item !== '') : raw;
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) continue;
    const problem = typeProblem(field, value);
    if (problem) return { ok: false, problem: `${name}: ${problem}` };
    settings[name] = value;
  }
  const missing = fields.find((f) => f.required && settings[f.name] === undefined);
  if (missing) return { ok: false, problem: `${missing.name}: ${missing.label} is required for ${described.title}` };
  const problem = verifier.settingsProblem?.(settings);
  return problem ? { ok: false, problem } : { ok: true, settings };
}

function typeProblem(field: NonNullable<Provider['fields']>[number], value: unknown): string | null {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' && value.length <= 2_000 ? null : 'must be a text of at most 2,000 characters';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be true or false';
    case 'datetime':
      return typeof value === 'number' && Number.isInteger(value) && value > 0 ? null : 'must be a moment in epoch milliseconds';
    case 'choice':
      return typeof value === 'string' && field.choices!.includes(value) ? null : `must be one of ${field.choices!.join(', ')}`;
    case 'list': {
      if (!value || !Array.isArray(value) || value.some((item) => typeof item !== 'string')) return 'must be a list of texts';
      if (field.maxItems !== undefined && value.length > field.maxItems) return `at most ${field.maxItems} are allowed, ${value.length} were given`;
      for (const item of value as string[]) {
        const problem = field.itemProblem?.(item);
        if (problem) return problem;
      }
      return null;
    }
  }
}
