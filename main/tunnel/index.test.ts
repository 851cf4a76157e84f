import { describe, expect, it } from 'vitest';
import { createTunnel, tunnelSettingsSchema } from './index';

describe('tunnel settings', () => {
  it('fills defaults and refuses what no provider could use', () => {
    expect(tunnelSettingsSchema.parse({ provider: 'localtunnel' })).toEqual({ provider: 'localtunnel', host: 'https://localtunnel.me' });
    expect(tunnelSettingsSchema.parse({ provider: 'ngrok' })).toEqual({ provider: 'ngrok', authtokenSecret: 'ngrok' });
    expect(tunnelSettingsSchema.parse({ provider: 'cloudflared' })).toEqual({ provider: 'cloudflared', binary: 'cloudflared' });
    expect(tunnelSettingsSchema.parse({ provider: 'manual', publicUrl: 'https://hooks.example.com' })).toMatchObject({ verify: true });
    expect(tunnelSettingsSchema.safeParse({ provider: 'localtunnel', subdomain: 'ab' }).success).toBe(false);
    expect(tunnelSettingsSchema.safeParse({ provider: 'localtunnel', host: 'ftp://x.example' }).success).toBe(false);
    expect(tunnelSettingsSchema.safeParse({ provider: 'manual', publicUrl: 'hooks.example.com' }).success).toBe(false);
    expect(tunnelSettingsSchema.safeParse({ provider: 'frp' }).success).toBe(false);
  });
});

describe('createTunnel', () => {
  it('builds each provider behind the same interface', () => {
    const base = { intakePort: 1, getSecret: async () => null };
    for (const settings of [
      tunnelSettingsSchema.parse({ provider: 'ngrok' }),
      tunnelSettingsSchema.parse({ provider: 'localtunnel' }),
      tunnelSettingsSchema.parse({ provider: 'cloudflared' }),
      tunnelSettingsSchema.parse({ provider: 'manual', publicUrl: 'https://hooks.example.com' }),
    ]) {
      const tunnel = createTunnel({ ...base, settings });
      expect(tunnel.provider).toBe(settings.provider);
      expect(tunnel.status()).toMatchObject({ provider: settings.provider, state: 'down', reason: 'not started' });
    }
  });

  it('with no tunnel chosen, stays down and says why', async () => {
    const tunnel = createTunnel({ settings: { provider: 'none' }, intakePort: 1, getSecret: async () => null });
    tunnel.start();
    expect(tunnel.status()).toMatchObject({ provider: 'none', state: 'down', reason: expect.stringContaining('no tunnel is chosen') });
    expect(tunnel.publicUrlFor('contracts')).toBeNull();
    await tunnel.stop();
  });
});
