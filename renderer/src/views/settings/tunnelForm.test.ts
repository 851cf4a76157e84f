import { describe, expect, it } from 'vitest';
import { tunnelFields, tunnelSettingsFrom } from './tunnelForm';

describe('tunnel form', () => {
  it('asks only what each provider needs', () => {
    expect(tunnelFields('none')).toEqual([]);
    expect(tunnelFields('localtunnel').map((f) => f.name)).toEqual(['host', 'subdomain']);
    expect(tunnelFields('manual').map((f) => f.name)).toEqual(['publicUrl']);
  });

  it('leaves out empty fields so the server applies its defaults, and trims the rest', () => {
    expect(tunnelSettingsFrom({ provider: 'localtunnel', host: ' https://lt.example ', subdomain: '' })).toEqual({ provider: 'localtunnel', host: 'https://lt.example' });
    expect(tunnelSettingsFrom({ provider: 'ngrok', domain: '', host: 'ignored' })).toEqual({ provider: 'ngrok' });
  });
});
