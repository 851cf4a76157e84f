import { describe, expect, it } from 'vitest';
import { reconnectDelay, defaultReconnectPolicy } from './backoff';
import { tunnelFailure } from './failure';
import type { OpenContext, TunnelProvider, TunnelSession } from './provider';
import { TunnelSupervisor } from './supervisor';
import { ManualClock, settle } from './testing/manual-clock';
import { isUpDownTransition, type TunnelTransition } from './tunnel';

interface Attempt {
  context: OpenContext;
  resolve(session: TunnelSession): void;
  reject(error: unknown): void;
}

/** A provider whose every attempt the test answers by hand. */
class ScriptedProvider implements TunnelProvider {
  readonly id = 'manual' as const;
  readonly attempts: Attempt[] = [];
  open(context: OpenContext): Promise<TunnelSession> {
    return new Promise((resolve, reject) => this.attempts.push({ context, resolve, reject }));
  }
  get last(): Attempt {
    return this.attempts[this.attempts.length - 1]!;
  }
}

function session(url: string, extra: Partial<TunnelSession> = {}): TunnelSession & { closes: number } {
  const s = { url, closes: 0, close: async () => void s.closes++, ...extra };
  return s;
}

function setup(policy: Partial<typeof defaultReconnectPolicy> = {}, random = () => 0.5) {
  const clock = new ManualClock(1_000_000, random);
  const provider = new ScriptedProvider();
  const errors: string[] = [];
  const tunnel = new TunnelSupervisor({ provider, intakePort: 4321, clock, policy, onError: (m) => errors.push(m) });
  const transitions: TunnelTransition[] = [];
  tunnel.onTransition((t) => transitions.push(t));
  const states = () => transitions.map((t) => t.to.state);
  return { clock, provider, tunnel, transitions, states, errors };
}

describe('reconnectDelay (full jitter)', () => {
  it('is uniform under a ceiling that doubles up to the maximum', () => {
    const p = { ...defaultReconnectPolicy, initialDelayMs: 1_000, maxDelayMs: 10_000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => reconnectDelay(p, n, () => 0.999999))).toEqual([999, 1_999, 3_999, 7_999, 9_999, 9_999]);
    expect(reconnectDelay(p, 3, () => 0)).toBe(0);
  });
});

describe('TunnelSupervisor', () => {
  it('goes connecting -> up, forwards only the intake port, and builds endpoint URLs', async () => {
    const { provider, tunnel, states } = setup();
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'not started' });
    tunnel.start();
    tunnel.start(); // idempotent
    expect(provider.attempts).toHaveLength(1);
    expect(provider.last.context.intakePort).toBe(4321);
    expect(tunnel.publicUrlFor('contracts')).toBeNull();
    provider.last.resolve(session('https://abc.example.test/'));
    await settle();
    expect(states()).toEqual(['connecting', 'up']);
    expect(tunnel.status()).toMatchObject({ state: 'up', publicUrl: 'https://abc.example.test', reason: null, failures: 0 });
    expect(tunnel.publicUrlFor('contracts')).toBe('https://abc.example.test/hooks/contracts');
  });

  it('retries a failed attempt with growing, jittered waits and says why it is down', async () => {
    const { clock, provider, tunnel } = setup({ initialDelayMs: 1_000, maxDelayMs: 4_000 }, () => 0.5);
    tunnel.start();
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      provider.last.reject(new Error('ECONNREFUSED 127.0.0.1:9'));
      await settle();
      const s = tunnel.status();
      expect(s).toMatchObject({ state: 'down', reason: 'ECONNREFUSED 127.0.0.1:9', failures: i + 1 });
      waits.push(s.nextAttemptAt! - clock.now());
      await clock.advance(s.nextAttemptAt! - clock.now());
    }
    expect(waits).toEqual([500, 1_000, 2_000, 2_000]);
    expect(provider.attempts).toHaveLength(5);
    provider.last.resolve(session('https://back.example.test'));
    await settle();
    expect(tunnel.status()).toMatchObject({ state: 'up', failures: 0 });
  });

  it('stops at a permanent failure until started again', async () => {
    const { clock, provider, tunnel, states } = setup();
    tunnel.start();
    provider.last.reject(tunnelFailure('no ngrok authtoken', { permanent: true }));
    await settle();
    expect(tunnel.status()).toMatchObject({ state: 'error', reason: 'no ngrok authtoken', nextAttemptAt: null });
    expect(clock.pending()).toEqual([]);
    tunnel.start(); // the console's "try again"
    expect(provider.attempts).toHaveLength(2);
    expect(states()).toEqual(['connecting', 'error', 'connecting']);
  });

  it('abandons an attempt that does not answer in time, and closes it if it answers late', async () => {
    const { clock, provider, tunnel } = setup({ attemptTimeoutMs: 10_000 });
    tunnel.start();
    const slow = provider.last;
    await clock.advance(10_000);
    expect(slow.context.signal.aborted).toBe(true);
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'no answer from manual within 10 s' });
    const late = session('https://late.example.test');
    slow.resolve(late);
    await settle();
    expect(late.closes).toBe(1);
    expect(tunnel.status().state).toBe('down');
  });

  it('reconnects after a drop; a flapping tunnel keeps backing off, a steady one starts afresh', async () => {
    const { clock, provider, tunnel } = setup({ initialDelayMs: 1_000, maxDelayMs: 60_000, stableAfterMs: 30_000 }, () => 0.999);
    tunnel.start();
    const up = async (url: string) => {
      const s = session(url);
      provider.last.resolve(s);
      await settle();
      return s;
    };
    let s = await up('https://one.example.test');
    provider.last.context.events.dropped('server closed the connection');
    await settle();
    expect(s.closes).toBe(1);
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'server closed the connection', failures: 1 });
    expect(tunnel.publicUrlFor('x')).toBeNull();
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    s = await up('https://two.example.test');
    provider.last.context.events.dropped('again'); // at once: flapping
    await settle();
    expect(tunnel.status().failures).toBe(2);
    expect(tunnel.status().nextAttemptAt! - clock.now()).toBe(1_998);
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    await up('https://three.example.test');
    await clock.advance(30_000); // steady now
    provider.last.context.events.dropped('laptop slept');
    await settle();
    expect(tunnel.status().failures).toBe(1);
    expect(tunnel.status().nextAttemptAt! - clock.now()).toBe(999);
  });

  it('ignores events from a session it already replaced', async () => {
    const { clock, provider, tunnel } = setup();
    tunnel.start();
    provider.last.resolve(session('https://one.example.test'));
    await settle();
    const old = provider.last.context.events;
    old.dropped('gone');
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    provider.last.resolve(session('https://two.example.test'));
    await settle();
    old.dropped('gone again');
    old.interrupted('still gone');
    expect(tunnel.status()).toMatchObject({ state: 'up', publicUrl: 'https://two.example.test' });
  });

  it('mirrors a provider that reconnects by itself (interrupted/restored) without an attempt of its own', async () => {
    const { provider, tunnel, transitions } = setup();
    tunnel.start();
    provider.last.resolve(session('https://n.example.test'));
    await settle();
    provider.last.context.events.interrupted('ngrok lost its connection and is reconnecting');
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'ngrok lost its connection and is reconnecting' });
    provider.last.context.events.restored();
    expect(tunnel.status()).toMatchObject({ state: 'up', publicUrl: 'https://n.example.test' });
    expect(provider.attempts).toHaveLength(1);
    expect(transitions.filter(isUpDownTransition).map((t) => t.to.state)).toEqual(['up', 'down', 'up']);
  });

  it('drops a session whose check fails or hangs', async () => {
    const { clock, provider, tunnel } = setup({ checkIntervalMs: 5_000, attemptTimeoutMs: 2_000 });
    let answer: 'ok' | 'fail' | 'hang' = 'ok';
    const check = () => (answer === 'ok' ? Promise.resolve() : answer === 'fail' ? Promise.reject(new Error('404 unknown tunnel')) : new Promise<void>(() => {}));
    tunnel.start();
    provider.last.resolve(session('https://c.example.test', { check }));
    await settle();
    await clock.advance(15_000);
    expect(tunnel.status().state).toBe('up');
    answer = 'fail';
    await clock.advance(5_000);
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'the tunnel stopped answering: 404 unknown tunnel' });
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    answer = 'hang';
    provider.last.resolve(session('https://d.example.test', { check }));
    await settle();
    await clock.advance(5_000 + 2_000);
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'the tunnel stopped answering: no answer within 2 s' });
  });

  it('stop() aborts an attempt in flight, closes the session and cancels retries', async () => {
    const { clock, provider, tunnel } = setup();
    tunnel.start();
    const attempt = provider.last;
    attempt.context.signal.addEventListener('abort', () => attempt.reject(attempt.context.signal.reason));
    await tunnel.stop();
    expect(attempt.context.signal.aborted).toBe(true);
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'stopped' });
    expect(clock.pending()).toEqual([]);

    tunnel.start();
    const s = session('https://s.example.test');
    provider.last.resolve(s);
    await settle();
    await tunnel.stop();
    await tunnel.stop();
    expect(s.closes).toBe(1);
    expect(clock.pending()).toEqual([]);
    expect(tunnel.publicUrlFor('x')).toBeNull();
  });

  it('does not let a provider that ignores its abort signal hang stop()', async () => {
    const { clock, tunnel } = setup({ attemptTimeoutMs: 8_000 });
    tunnel.start();
    let stopped = false;
    const stopping = tunnel.stop().then(() => (stopped = true));
    await clock.advance(7_999);
    expect(stopped).toBe(false);
    await clock.advance(1);
    await stopping;
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'stopped' });
  });

  it('treats a provider that throws synchronously like one that rejects', async () => {
    const clock = new ManualClock();
    const tunnel = new TunnelSupervisor({ provider: { id: 'cloudflared', open: () => { throw new Error('spawn EINVAL'); } }, intakePort: 1, clock });
    tunnel.start();
    await settle();
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'spawn EINVAL', failures: 1 });
    await tunnel.stop();
  });

  it('keeps going when a listener throws', async () => {
    const { provider, tunnel, errors } = setup();
    const seen: string[] = [];
    tunnel.onTransition(() => {
      throw new Error('ledger full');
    });
    tunnel.onTransition((t) => seen.push(t.to.state));
    tunnel.start();
    provider.last.resolve(session('https://l.example.test'));
    await settle();
    expect(seen).toEqual(['connecting', 'up']);
    expect(errors).toEqual(['a transition listener threw', 'a transition listener threw']);
  });
});

describe('isUpDownTransition', () => {
  it('keeps reachability changes and new errors, not retry churn', async () => {
    const { clock, provider, tunnel, transitions } = setup();
    tunnel.start();
    provider.last.reject(new Error('refused'));
    await settle();
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    provider.last.resolve(session('https://u.example.test'));
    await settle();
    provider.last.context.events.dropped('gone');
    await settle();
    await clock.advance(tunnel.status().nextAttemptAt! - clock.now());
    provider.last.reject(tunnelFailure('revoked', { permanent: true }));
    await settle();
    expect(transitions.map((t) => t.to.state)).toEqual(['connecting', 'down', 'connecting', 'up', 'down', 'connecting', 'error']);
    expect(transitions.filter(isUpDownTransition).map((t) => t.to.state)).toEqual(['up', 'down', 'error']);
  });
});
