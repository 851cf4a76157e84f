/**
 * The endpoint form as data: what the user typed (every setting as text, or a checkbox), where it comes from
 * (a new endpoint or an existing one), and the `saveEndpoint` input it becomes. The core checks everything again
 * and names the field; this catches what can be said before sending (a number that is not one, a slug the URL
 * cannot hold, the unsafe verifier not confirmed).
 */
import type { Actor, CallInput, EndpointProviderView, EndpointSettingField, EndpointView } from '../../../../preload/api';

/** `keep`: add no secret now (a new endpoint: add it once the provider shows it; an existing one: keep its secrets). */
export type SecretMode = 'paste' | 'generate' | 'keep';

export interface EndpointForm {
  mode: 'create' | 'update';
  slug: string;
  workflowId: string;
  provider: string;
  /** Each setting as typed: text (lists comma-separated, moments as `YYYY-MM-DDTHH:mm` local time), or a checkbox. */
  settings: Record<string, string | boolean>;
  enabled: boolean;
  secretMode: SecretMode;
  secretValue: string;
  allowUnsigned: boolean;
}

/** The intake's own rule for `/hooks/<slug>` (main/intake/intake.ts HOOK_PATH). */
export const SLUG_PATTERN = '[a-z0-9][a-z0-9\\-]{0,62}';
const SLUG = new RegExp(`^${SLUG_PATTERN}$`);

export function newEndpointForm(workflowId: string, provider = 'stripe'): EndpointForm {
  return { mode: 'create', slug: '', workflowId, provider, settings: {}, enabled: true, secretMode: 'paste', secretValue: '', allowUnsigned: false };
}

export function editEndpointForm(endpoint: EndpointView, provider: EndpointProviderView | undefined): EndpointForm {
  const settings: EndpointForm['settings'] = {};
  for (const field of provider?.fields ?? []) {
    const value = endpoint.settings[field.name];
    if (value !== undefined) settings[field.name] = settingText(field, value);
  }
  // An unsigned endpoint is confirmed again on every save: the warning is the point.
  return { mode: 'update', slug: endpoint.slug, workflowId: endpoint.workflowId, provider: endpoint.verifier, settings, enabled: endpoint.enabled, secretMode: 'keep', secretValue: '', allowUnsigned: false };
}

/** The secret choices a provider offers, given its settings (an Asana handshake endpoint takes none). */
export function secretModes(provider: EndpointProviderView, form: EndpointForm): SecretMode[] {
  if (provider.secretSource === 'none' || form.settings.hookSecret === true) return ['keep'];
  return provider.secretSource === 'provider-or-keel' ? ['paste', 'generate', 'keep'] : ['paste', 'keep'];
}

function settingText(field: EndpointSettingField, value: unknown): string | boolean {
  if (field.type === 'boolean') return value === true;
  if (field.type === 'list' && Array.isArray(value)) return value.join(', ');
  if (field.type === 'datetime' && typeof value === 'number') return localInputTime(value);
  return String(value);
}

/** `<input type="datetime-local">` speaks local time without a zone. */
function localInputTime(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** The provider's settings from the form: empty fields left out (the verifier's default applies), typed values parsed. */
export function settingsFromForm(form: EndpointForm, provider: EndpointProviderView): { ok: true; settings: Record<string, unknown> } | { ok: false; problem: string } {
  const settings: Record<string, unknown> = { provider: provider.provider };
  for (const field of provider.fields) {
    const raw = form.settings[field.name];
    if (field.type === 'boolean') {
      if (raw === true) settings[field.name] = true;
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (!text) continue;
    if (field.type === 'number') {
      const n = Number(text);
      if (!Number.isFinite(n)) return { ok: false, problem: `${field.label} must be a number.` };
      settings[field.name] = n;
    } else if (field.type === 'list') {
      settings[field.name] = text.split(/[\s,]+/).filter(Boolean);
    } else if (field.type === 'datetime') {
      const ms = new Date(text).getTime();
      if (!Number.isFinite(ms)) return { ok: false, problem: `${field.label} is not a date and time.` };
      settings[field.name] = ms;
    } else settings[field.name] = text;
  }
  return { ok: true, settings };
}

/** What stops the form from being sent, in words; null when it can go. */
export function formProblem(form: EndpointForm, provider: EndpointProviderView | undefined): string | null {
  if (!provider) return 'Choose how deliveries are verified.';
  if (form.slug && !SLUG.test(form.slug)) return 'The slug is lower-case letters, digits and dashes (it becomes the URL /hooks/<slug>).';
  if (!provider.authenticates && !form.allowUnsigned) return 'Confirm that anyone who knows the URL can start runs, or choose the sender’s verifier.';
  const mode = effectiveSecretMode(form, provider);
  if (mode === 'paste' && form.secretValue.trim().length > 0 && form.secretValue.trim().length < 8) return 'A signing secret is at least 8 characters.';
  const settings = settingsFromForm(form, provider);
  return settings.ok ? null : settings.problem;
}

/** The chosen secret mode, or the first one the provider offers when the choice no longer applies (the provider changed). */
export function effectiveSecretMode(form: EndpointForm, provider: EndpointProviderView): SecretMode {
  const modes = secretModes(provider, form);
  return modes.includes(form.secretMode) ? form.secretMode : modes[0]!;
}

export function saveEndpointInput(form: EndpointForm, provider: EndpointProviderView, actor: Actor): CallInput<'saveEndpoint'> {
  const settings = settingsFromForm(form, provider);
  if (!settings.ok) throw new Error(settings.problem); // formProblem blocks the form before this
  const mode = effectiveSecretMode(form, provider);
  const value = form.secretValue.trim();
  const secret = mode === 'generate' ? { kind: 'generate' as const } : mode === 'paste' && value ? { kind: 'given' as const, value } : undefined;
  return {
    mode: form.mode, slug: form.slug, workflowId: form.workflowId, verifier: settings.settings as { provider: string }, enabled: form.enabled,
    ...(secret && { secret }), ...(!provider.authenticates && { allowUnsigned: form.allowUnsigned }), actor,
  };
}
