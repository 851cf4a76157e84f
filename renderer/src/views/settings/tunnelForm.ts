/** The tunnel form's fields per provider, and the settings object they become (empty fields are left out). */
import type { TunnelProviderName } from '../../../../preload/api';

export type TunnelForm = { provider: TunnelProviderName } & Record<string, unknown>;

export interface TunnelField {
  name: string;
  label: string;
  placeholder: string;
}

const FIELDS: Record<TunnelProviderName, TunnelField[]> = {
  none: [],
  ngrok: [{ name: 'domain', label: 'Reserved domain (optional)', placeholder: 'keel-acme.ngrok.app' }],
  localtunnel: [
    { name: 'host', label: 'Server', placeholder: 'https://localtunnel.me' },
    { name: 'subdomain', label: 'Subdomain (optional)', placeholder: 'keel-acme' },
  ],
  cloudflared: [{ name: 'binary', label: 'cloudflared binary', placeholder: 'cloudflared' }],
  manual: [{ name: 'publicUrl', label: 'Public base URL', placeholder: 'https://hooks.example.com' }],
};

export function tunnelFields(provider: TunnelProviderName): TunnelField[] {
  return FIELDS[provider];
}

export function tunnelSettingsFrom(form: TunnelForm): Record<string, unknown> {
  const settings: Record<string, unknown> = { provider: form.provider };
  for (const field of FIELDS[form.provider]) {
    const raw = form[field.name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value !== '' && value !== undefined && value !== null) settings[field.name] = value;
  }
  if (form.provider === 'manual' && typeof form.verify === 'boolean') settings.verify = form.verify;
  return settings;
}
