/**
 * The tunnel settings a user chooses, validated where they enter (the console contract) so a tunnel is only
 * ever built from settings that make sense. Secrets are named, never held: the ngrok authtoken stays in the
 * keychain under `authtokenSecret`.
 */
import { z } from 'zod';

export const tunnelSettingsSchema = z.discriminatedUnion('provider', [
  z.object({ provider: z.literal('none') }),
  z.object({
    provider: z.literal('ngrok'),
    /** Vault name of the authtoken. @default 'ngrok' */
    authtokenSecret: z.string().min(1).max(200).default('ngrok'),
    /** A reserved or custom ngrok domain, so the public URL survives restarts. */
    domain: z.string().min(3).max(253).regex(/^[a-z0-9.-]+$/i, 'a domain name, like keel-acme.ngrok.app').optional(),
  }),
  z.object({
    provider: z.literal('localtunnel'),
    /** The tunnel server; set it for a self-hosted localtunnel-server. @default 'https://localtunnel.me' */
    host: z.url({ protocol: /^https?$/ }).default('https://localtunnel.me'),
    subdomain: z.string().regex(/^(?:[a-z0-9][a-z0-9-]{4,63}[a-z0-9]|[a-z0-9]{4,63})$/, '4 to 63 lower-case letters, digits and dashes').optional(),
  }),
  z.object({
    provider: z.literal('cloudflared'),
    /** A name looked up on the PATH, or a full path. @default 'cloudflared' */
    binary: z.string().min(1).max(1024).default('cloudflared'),
  }),
  z.object({
    provider: z.literal('manual'),
    /** The public base URL of the user's reverse proxy (what comes before `/hooks/<slug>`). */
    publicUrl: z.url({ protocol: /^https?$/ }),
    /** Check `<publicUrl>/hooks/healthz` through the proxy; off when the proxy only lets providers in. @default true */
    verify: z.boolean().default(true),
  }),
]);

export type TunnelSettings = z.output<typeof tunnelSettingsSchema>;
export type TunnelSettingsInput = z.input<typeof tunnelSettingsSchema>;

export const defaultTunnelSettings: TunnelSettings = { provider: 'none' };
