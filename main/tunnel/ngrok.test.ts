/**
 * ngrok through the Tunnel interface. ngrok's cloud cannot be reached from here, so the SDK is replaced at the
 * module boundary Keel defines (`NgrokForward`); one test loads the real SDK to show its failure is reported,
 * scrubbed, and never taken for "up".
 */
import { describe, expect, it } from 'vitest';
import { createTunnel } from './index';
import type { NgrokForward, NgrokForwardConfig } from './ngrok';
import { ManualClock, settle } from './testing/manual-clock';
import { waitForStatus } from './testing/wait-for-state';

const TOKEN = '2abcDEFghiJKLmnoPQRstu_3vwxYZ0123456789abcdef';

/** Stands in for `ngrok.forward()`: records each call and answers from a script. */
function fakeNgrok(answers: (() => Promise<string>)[]) {
  const calls: NgrokForwardConfig[] = [];
  let closes = 0;
  const forward: NgrokForward = async (config) => {
    calls.push(config);
    const url = await answers[Math.min(calls.length, answers.length) - 1]!();
    return { url: () => url, close: async () => void closes++ };
  };
  return { forward, calls, closes: () => closes };
}

function ngrokError(message: string, errorCode?: string): Error {
  return Object.assign(new Error(message), errorCode ? { errorCode } : {});
}

function tunnelWith(forward: NgrokForward, secrets: Record<string, string> = { ngrok: TOKEN }, extra: { domain?: string; authtokenSecret?: string } = {}) {
  const clock = new ManualClock(0, () => 0.5);
  const asked: string[] = [];
  const tunnel = createTunnel({
    settings: { provider: 'ngrok', authtokenSecret: extra.authtokenSecret ?? 'ngrok', ...(extra.domain && { domain: extra.domain }) },
    intakePort: 7788,
    getSecret: async (name) => {
      asked.push(name);
      if (name === 'locked') throw new Error('the keychain is locked');
      return secrets[name] ?? null;
    },
    clock,
    ngrokForward: forward,
  });
  return { tunnel, clock, asked };
}

describe('ngrok (SDK faked at NgrokForward)', () => {
  it('forwards only the intake port, with the authtoken from the vault, and closes the listener on stop', async () => {
    const ngrok = fakeNgrok([async () => 'https://keel-acme.ngrok.app']);
    const { tunnel, asked } = tunnelWith(ngrok.forward, { 'tunnel.ngrok': TOKEN }, { authtokenSecret: 'tunnel.ngrok', domain: 'keel-acme.ngrok.app' });
    tunnel.start();
    await settle();
    expect(asked).toEqual(['tunnel.ngrok']);
    expect(ngrok.calls).toHaveLength(1);
    expect(ngrok.calls[0]).toMatchObject({ addr: '127.0.0.1:7788', proto: 'http', authtoken: TOKEN, domain: 'keel-acme.ngrok.app' });
    expect(tunnel.status()).toMatchObject({ provider: 'ngrok', state: 'up', publicUrl: 'https://keel-acme.ngrok.app' });
    expect(tunnel.publicUrlFor('contracts')).toBe('https://keel-acme.ngrok.app/hooks/contracts');
    await tunnel.stop();
    expect(ngrok.closes()).toBe(1);
  });

  it('is an error, not a retry loop, without an authtoken', async () => {
    const ngrok = fakeNgrok([async () => 'https://never.ngrok.app']);
    const { tunnel, clock } = tunnelWith(ngrok.forward, {});
    tunnel.start();
    await settle();
    expect(tunnel.status()).toMatchObject({ state: 'error', reason: expect.stringContaining('no ngrok authtoken') });
    expect(tunnel.status().reason).toContain('"ngrok"');
    expect(ngrok.calls).toHaveLength(0);
    expect(clock.pending()).toEqual([]);
  });

  it('treats a rejected authtoken as permanent and never shows the token', async () => {
    const ngrok = fakeNgrok([async () => {
      throw ngrokError(`The authtoken you specified is properly formed, but it is invalid. Your authtoken: ${TOKEN} error_code: ERR_NGROK_107`, 'ERR_NGROK_107');
    }]);
    const { tunnel } = tunnelWith(ngrok.forward);
    tunnel.start();
    await settle();
    const status = tunnel.status();
    expect(status.state).toBe('error');
    expect(status.reason).toContain('ERR_NGROK_107');
    expect(status.reason).toContain('[authtoken]');
    expect(JSON.stringify(status)).not.toContain(TOKEN);
  });

  it('retries a network failure with backoff until ngrok answers', async () => {
    let attempt = 0;
    const ngrok = fakeNgrok([
      async () => {
        if (++attempt < 3) throw ngrokError('failed to connect session: failed to establish tcp connection');
        return 'https://abc123.ngrok-free.app';
      },
    ]);
    const { tunnel, clock } = tunnelWith(ngrok.forward);
    tunnel.start();
    await settle();
    expect(tunnel.status()).toMatchObject({ state: 'down', failures: 1, reason: 'ngrok refused to start: failed to connect session: failed to establish tcp connection' });
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    expect(tunnel.status()).toMatchObject({ state: 'down', failures: 2 });
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    expect(tunnel.status()).toMatchObject({ state: 'up', publicUrl: 'https://abc123.ngrok-free.app' });
    expect(ngrok.calls).toHaveLength(3);
  });

  it('retries when the keychain cannot be read (it may be unlocked later)', async () => {
    const ngrok = fakeNgrok([async () => 'https://x.ngrok.app']);
    const { tunnel } = tunnelWith(ngrok.forward, {}, { authtokenSecret: 'locked' });
    tunnel.start();
    await settle();
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: expect.stringContaining('the keychain is locked') });
  });

  it('mirrors ngrok reconnecting its own session instead of starting another', async () => {
    const ngrok = fakeNgrok([async () => 'https://keel.ngrok.app']);
    const { tunnel } = tunnelWith(ngrok.forward);
    tunnel.start();
    await settle();
    const { onStatusChange } = ngrok.calls[0]!;
    onStatusChange('closed');
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'ngrok lost its connection and is reconnecting', nextAttemptAt: null });
    expect(tunnel.publicUrlFor('x')).toBeNull();
    onStatusChange('connected');
    expect(tunnel.status()).toMatchObject({ state: 'up', publicUrl: 'https://keel.ngrok.app' });
    expect(ngrok.calls).toHaveLength(1);
  });
});

describe('ngrok (the real @ngrok/ngrok SDK)', () => {
  it('loads, fails to reach ngrok from here, and reports it without the token', async () => {
    const tunnel = createTunnel({
      settings: { provider: 'ngrok', authtokenSecret: 'ngrok' },
      intakePort: 9,
      getSecret: async () => TOKEN,
      policy: { initialDelayMs: 60_000, attemptTimeoutMs: 20_000 },
    });
    tunnel.start();
    // Offline: a network failure, retried ('down'). With a network: ngrok rejects the made-up token ('error').
    const status = await waitForStatus(tunnel, (s) => s.state === 'down' || s.state === 'error', 'down or error', 25_000);
    await tunnel.stop();
    expect(status.reason).toMatch(/ngrok/);
    expect(JSON.stringify(status)).not.toContain(TOKEN);
  }, 30_000);
});
