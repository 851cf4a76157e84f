import { describe, expect, it } from 'vitest';
import { checkHeadline, environmentVariable, kindLabel, sourceLabel } from './connection';

describe('connection words', () => {
  it('says what each check outcome means and what to do', () => {
    expect(checkHeadline({ ok: true, problem: null, detail: '', at: 0 }, 'Stripe')).toMatch(/^Connected/);
    expect(checkHeadline({ ok: false, problem: 'bad_credential', detail: '', at: 0 }, 'Stripe')).toMatch(/refused/);
    expect(checkHeadline({ ok: false, problem: 'unreachable', detail: '', at: 0 }, 'Stripe')).toMatch(/could not reach Stripe/);
    expect(checkHeadline({ ok: false, problem: 'missing_scope', detail: '', at: 0 }, 'Asana')).toMatch(/permission/);
  });

  it('names sources and the environment variable', () => {
    expect(sourceLabel('keychain')).toBe('OS keychain');
    expect(sourceLabel(null)).toBe('—');
    expect(environmentVariable('googleDrive')).toBe('KEEL_SECRET_GOOGLEDRIVE');
  });

  it('names each kind of credential', () => {
    expect([kindLabel('token'), kindLabel('oauth'), kindLabel('service_account'), kindLabel(null)]).toEqual([
      'Pasted token or key', 'OAuth sign-in (refresh token)', 'Service-account key', '—',
    ]);
  });
});
