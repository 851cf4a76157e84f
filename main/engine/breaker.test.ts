import { afterEach, describe, expect, it } from 'vitest';
import { engineHarness, fail } from '../test-support/engine-harness';
import { Ledger } from '../ledger/ledger';
import { tempStore } from '../test-support/temp-store';
import { admit, afterFailure, afterSuccess, BreakerBoard, CLOSED, type BreakerState } from './breaker';
import { TokenBucket } from './token-bucket';

const settings = { failureThreshold: 3, openMs: 30_000 };

describe('breaker state machine', () => {
  it('opens after the threshold of retryable failures in a row, not before', () => {
    let s: BreakerState = CLOSED;
    s = afterFailure(s, 1_000, settings);
    s = afterFailure(s, 2_000, settings);
    expect(s.state).toBe('closed');
    s = afterFailure(s, 3_000, settings);
    expect(s).toEqual({ state: 'open', consecutiveFailures: 3, openedAt: 3_000, probeAt: 33_000 });
  });

  it('a success in between starts the count again', () => {
    let s = afterFailure(afterFailure(CLOSED, 1, settings), 2, settings);
    s = afterSuccess(s);
    expect(afterFailure(s, 3, settings).state).toBe('closed');
  });

  it('admits nothing while open, then exactly one probe', () => {
    const open: BreakerState = { state: 'open', consecutiveFailures: 3, openedAt: 0, probeAt: 30_000 };
    expect(admit(open, 29_999, false)).toEqual({ admit: false, until: 30_000 });
    expect(admit(open, 30_000, false)).toEqual({ admit: true, probe: true });
    expect(admit(open, 30_000, true).admit).toBe(false);
  });

  it('a failed probe opens it again for another period; a good probe closes it', () => {
    const probing: BreakerState = { state: 'open', consecutiveFailures: 3, openedAt: 0, probeAt: 30_000 };
    expect(afterFailure(probing, 31_000, settings)).toMatchObject({ state: 'open', probeAt: 61_000, openedAt: 0 });
    expect(afterSuccess(probing)).toEqual(CLOSED);
  });
});

describe('breaker board', () => {
  const stores: ReturnType<typeof tempStore>[] = [];
  afterEach(() => stores.splice(0).forEach((s) => s.cleanup()));

  it('remembers an outage across a restart, and records each change in the ledger', () => {
    const store = tempStore();
    stores.push(store);
    const ledger = new Ledger(store.sqlite);
    const board = new BreakerBoard(store.sqlite, ledger, () => settings);
    for (let i = 0; i < 3; i++) board.record('stripe', 'retryable_failure', 1_000 + i);
    const restarted = new BreakerBoard(store.sqlite, ledger, () => settings);
    expect(restarted.state('stripe')).toMatchObject({ state: 'open', probeAt: 31_002 });
    expect(restarted.admit('stripe', 5_000)).toEqual({ admit: false, until: 31_002 });
    expect(restarted.admit('slack', 5_000)).toEqual({ admit: true, probe: false });
    const kinds = store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'breaker.changed'").all() as { payload: string }[];
    expect(kinds.map((k) => JSON.parse(k.payload).to)).toEqual(['open']);
  });
});

describe('token bucket', () => {
  it('allows a burst, then one token per interval, and says how long to wait', () => {
    const bucket = new TokenBucket({ perSecond: 2, burst: 2 }, 0);
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(0)).toEqual({ ok: true });
    expect(bucket.take(0)).toEqual({ ok: false, waitMs: 500 });
    expect(bucket.take(500)).toEqual({ ok: true });
  });
});

describe('engine with a breaker', () => {
  const open: ReturnType<typeof engineHarness>[] = [];
  afterEach(async () => {
    for (const h of open.splice(0)) await h.close();
  });

  it('stops spending attempts on a provider that is down, probes once, and resumes when it is back', async () => {
    const h = engineHarness({ breakerSettings: () => ({ failureThreshold: 2, openMs: 100 }) });
    open.push(h);
    let up = false;
    h.scripts.set('*do', () => (up ? { id: 'ok' } : fail({ kind: 'retryable', code: 'http_503' })));
    h.workflows.publish({ id: 'w', name: 'W', trigger: { endpoint: 'e' }, steps: [{ id: 'a', action: 'test.do', retry: { maxAttempts: 100, initialDelayMs: 1 } }] });
    h.engine.start();
    const runs = [0, 1, 2, 3].map(() => h.engine.startRun({ workflowId: 'w', trigger: {} }));
    await h.waitFor(() => h.engine.breakers.state('test').state === 'open');
    const callsWhenOpened = h.calls.length;
    // While open, the steps wait without attempts; then exactly one probe goes at a time.
    await h.waitFor(() => h.calls.length > callsWhenOpened);
    expect(h.engine.breakers.state('test').state).toBe('open');
    up = true;
    for (const runId of runs) expect((await h.waitForRun(runId)).status).toBe('completed');
    expect(h.engine.breakers.state('test').state).toBe('closed');
    const deferred = h.store.sqlite.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'step.status' AND payload LIKE '%breaker is open%'").get() as { n: number };
    expect(deferred.n).toBeGreaterThan(0);
    // Far fewer attempts than 100 per step: the breaker, not the retry budget, carried the outage.
    expect(h.calls.length).toBeLessThan(40);
  });
});
