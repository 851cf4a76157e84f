/**
 * Keeps one provider's tunnel up: opens a session, watches it, and when it drops reconnects with
 * exponential backoff and full jitter. Every status change goes to the listeners (the composition root
 * appends the up/down ones to the ledger).
 *
 * Each attempt and each session belongs to a generation; anything that arrives for an older generation (a
 * late success after a timeout, an event from a session already replaced) is closed or ignored, never
 * applied. That is what keeps the status honest when a provider is slow, flaky or both.
 */
import { defaultReconnectPolicy, reconnectDelay, type ReconnectPolicy } from './backoff';
import { systemClock, type TimerHandle, type TunnelClock } from './clock';
import { describeTunnelError, isPermanentTunnelFailure, tunnelFailure } from './failure';
import type { SessionEvents, TunnelProvider, TunnelSession } from './provider';
import { endpointUrl, type Tunnel, type TunnelListener, type TunnelStatus } from './tunnel';

export interface SupervisorOptions {
  provider: TunnelProvider;
  intakePort: number;
  clock?: TunnelClock;
  policy?: Partial<ReconnectPolicy>;
  /** Where a throwing listener's or a failed `close()`'s error goes. @default console.error */
  onError?: (message: string, error: unknown) => void;
}

type StatusPatch = Pick<TunnelStatus, 'state' | 'publicUrl' | 'reason'> & Partial<Pick<TunnelStatus, 'nextAttemptAt'>>;

export class TunnelSupervisor implements Tunnel {
  readonly provider;
  private readonly clock: TunnelClock;
  private readonly policy: ReconnectPolicy;
  private readonly onError: (message: string, error: unknown) => void;
  private readonly listeners = new Set<TunnelListener>();
  private current: TunnelStatus;
  private running = false;
  private generation = 0;
  private failures = 0;
  private upSince: number | null = null;
  private session: TunnelSession | undefined;
  private attempt: { controller: AbortController; settled: Promise<void> } | undefined;
  private retryTimer: TimerHandle | undefined;
  private checkTimer: TimerHandle | undefined;

  constructor(private readonly o: SupervisorOptions) {
    this.provider = o.provider.id;
    this.clock = o.clock ?? systemClock;
    this.policy = { ...defaultReconnectPolicy, ...o.policy };
    this.onError = o.onError ?? ((message, error) => console.error(`tunnel: ${message}`, error));
    this.current = { provider: this.provider, state: 'down', publicUrl: null, reason: 'not started', since: this.clock.now(), failures: 0, nextAttemptAt: null };
  }

  start(): void {
    // While running, start() is a no-op — except after a permanent error, where it is the user's "try again".
    if (this.running && this.current.state !== 'error') return;
    this.running = true;
    this.failures = 0;
    this.connect();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.generation++;
    this.clearTimers();
    const attempt = this.attempt;
    const session = this.session;
    this.attempt = undefined;
    this.session = undefined;
    this.upSince = null;
    this.failures = 0;
    attempt?.controller.abort(tunnelFailure('the tunnel was stopped'));
    this.set({ state: 'down', publicUrl: null, reason: 'stopped' });
    await Promise.all([attempt && this.atMost(attempt.settled, this.policy.attemptTimeoutMs), session && this.closeQuietly(session)]);
  }

  status(): TunnelStatus {
    return this.current;
  }

  onTransition(listener: TunnelListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  publicUrlFor(slug: string): string | null {
    return this.current.state === 'up' && this.current.publicUrl ? endpointUrl(this.current.publicUrl, slug) : null;
  }

  private connect(): void {
    const gen = ++this.generation;
    const controller = new AbortController();
    let droppedBeforeUp: string | null = null;
    const events: SessionEvents = {
      dropped: (reason) => {
        if (gen !== this.generation) return;
        if (this.session) this.dropped(reason);
        else droppedBeforeUp = reason; // the session died between printing its URL and the supervisor seeing it
      },
      interrupted: (reason) => {
        if (gen === this.generation && this.session) this.set({ state: 'down', publicUrl: null, reason });
      },
      restored: () => {
        if (gen === this.generation && this.session) this.set({ state: 'up', publicUrl: trimUrl(this.session.url), reason: this.session.note ?? null });
      },
    };
    this.set({ state: 'connecting', publicUrl: null, reason: null });
    const timeout = this.clock.setTimeout(() => {
      if (gen !== this.generation) return;
      const reason = `no answer from ${this.provider} within ${Math.round(this.policy.attemptTimeoutMs / 1000)} s`;
      controller.abort(tunnelFailure(reason));
      this.attempt = undefined;
      this.generation++; // a success arriving after this is stale and gets closed
      this.retryLater(reason);
    }, this.policy.attemptTimeoutMs);

    // Wrapped so a provider that throws synchronously fails the attempt like one that rejects.
    const opening = new Promise<TunnelSession>((resolve) => resolve(this.o.provider.open({ intakePort: this.o.intakePort, signal: controller.signal, events, clock: this.clock })));
    const settled = opening.then(
      async (session) => {
        this.clock.clearTimeout(timeout);
        if (gen !== this.generation) return this.closeQuietly(session);
        this.attempt = undefined;
        this.session = session;
        this.upSince = this.clock.now();
        this.set({ state: 'up', publicUrl: trimUrl(session.url), reason: session.note ?? null });
        if (droppedBeforeUp !== null) this.dropped(droppedBeforeUp);
        else this.scheduleCheck(gen, session);
      },
      (error: unknown) => {
        this.clock.clearTimeout(timeout);
        if (gen !== this.generation) return;
        this.attempt = undefined;
        const reason = describeTunnelError(error);
        if (isPermanentTunnelFailure(error)) this.set({ state: 'error', publicUrl: null, reason });
        else this.retryLater(reason);
      },
    );
    this.attempt = { controller, settled };
  }

  private dropped(reason: string): void {
    const session = this.session;
    this.session = undefined;
    this.generation++;
    this.clearTimers();
    if (session) void this.closeQuietly(session);
    // A tunnel that held for a while has recovered; one that flaps keeps its backoff growing.
    const steady = this.upSince !== null && this.clock.now() - this.upSince >= this.policy.stableAfterMs;
    if (steady) this.failures = 0;
    this.upSince = null;
    this.retryLater(reason);
  }

  private retryLater(reason: string): void {
    this.failures++;
    const delay = reconnectDelay(this.policy, this.failures, () => this.clock.random());
    this.set({ state: 'down', publicUrl: null, reason, nextAttemptAt: this.clock.now() + delay });
    this.retryTimer = this.clock.setTimeout(() => {
      this.retryTimer = undefined;
      if (this.running) this.connect();
    }, delay);
  }

  private scheduleCheck(gen: number, session: TunnelSession): void {
    if (!session.check || this.policy.checkIntervalMs <= 0) return;
    this.checkTimer = this.clock.setTimeout(() => {
      this.checkTimer = undefined;
      const controller = new AbortController();
      let finished = false;
      const finish = (failure: unknown) => {
        if (finished) return;
        finished = true;
        this.clock.clearTimeout(timeout);
        if (gen !== this.generation) return;
        if (failure === null) this.scheduleCheck(gen, session);
        else this.dropped(`the tunnel stopped answering: ${describeTunnelError(failure)}`);
      };
      // A check that never settles is a failed check: a hung connection is exactly what it is looking for.
      const timeout = this.clock.setTimeout(() => {
        const failure = tunnelFailure(`no answer within ${Math.round(this.policy.attemptTimeoutMs / 1000)} s`);
        controller.abort(failure);
        finish(failure);
      }, this.policy.attemptTimeoutMs);
      session.check!(controller.signal).then(() => finish(null), (error: unknown) => finish(error ?? new Error('the check failed')));
    }, this.policy.checkIntervalMs);
  }

  private set(patch: StatusPatch): void {
    const from = this.current;
    const to: TunnelStatus = {
      provider: this.provider,
      state: patch.state,
      publicUrl: patch.publicUrl,
      reason: patch.reason,
      nextAttemptAt: patch.nextAttemptAt ?? null,
      failures: patch.state === 'up' ? 0 : this.failures,
      since: patch.state === from.state ? from.since : this.clock.now(),
    };
    if (sameStatus(from, to)) return;
    this.current = to;
    for (const listener of [...this.listeners]) {
      try {
        listener({ from, to });
      } catch (error) {
        this.onError('a transition listener threw', error);
      }
    }
  }

  private clearTimers(): void {
    if (this.retryTimer) this.clock.clearTimeout(this.retryTimer);
    if (this.checkTimer) this.clock.clearTimeout(this.checkTimer);
    this.retryTimer = undefined;
    this.checkTimer = undefined;
  }

  /** Waits for `promise`, but no longer than `ms`: a provider that ignores its abort signal must not hang shutdown. */
  private atMost(promise: Promise<void>, ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = this.clock.setTimeout(resolve, ms);
      void promise.finally(() => {
        this.clock.clearTimeout(timer);
        resolve();
      });
    });
  }

  private async closeQuietly(session: TunnelSession): Promise<void> {
    try {
      await session.close();
    } catch (error) {
      this.onError(`closing the ${this.provider} session failed`, error);
    }
  }
}

function trimUrl(url: string): string {
  return url.replace(/\/+$/, '');
}

function sameStatus(a: TunnelStatus, b: TunnelStatus): boolean {
  return a.state === b.state && a.publicUrl === b.publicUrl && a.reason === b.reason && a.nextAttemptAt === b.nextAttemptAt && a.failures === b.failures;
}
