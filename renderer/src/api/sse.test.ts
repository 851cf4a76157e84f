import { afterEach, describe, expect, it, vi } from 'vitest';
import { sseEvents } from './sse';

/** Just enough of EventSource to drive the client from a test. */
class FakeSource {
  static all: FakeSource[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  listeners = new Map<string, ((e: { data: string }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeSource.all.push(this);
  }
  addEventListener(name: string, listener: (e: { data: string }) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
  }
  close() {
    this.closed = true;
    this.readyState = 2;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  send(name: string, data: string) {
    for (const l of this.listeners.get(name) ?? []) l({ data });
  }
  fail(readyState: number) {
    this.readyState = readyState;
    this.onerror?.();
  }
}

const latest = () => FakeSource.all[FakeSource.all.length - 1]!;

afterEach(() => {
  FakeSource.all = [];
  vi.useRealTimers();
});

function start() {
  return sseEvents({ EventSource: FakeSource as unknown as new (url: string) => EventSource, minRetryMs: 100, maxRetryMs: 400 });
}

describe('sseEvents', () => {
  it('delivers parsed payloads by event name and skips data that is not JSON', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const events = start();
    const got: unknown[] = [];
    events.on('run.changed', (run) => got.push(run.id));
    latest().send('run.changed', '{"id":"r1"}');
    latest().send('run.changed', 'not json');
    expect(got).toEqual(['r1']);
    expect(warn).toHaveBeenCalledOnce();
    expect(latest().url).toBe('/api/events');
    warn.mockRestore();
  });

  it('asks for a resync on every open, and reports the link state', () => {
    const events = start();
    const states: string[] = [];
    let resyncs = 0;
    events.onStatus((s) => states.push(s));
    events.onResync(() => resyncs++);
    latest().open();
    latest().fail(0); // the browser retries by itself
    latest().open();
    expect(states).toEqual(['connecting', 'live', 'reconnecting', 'live']);
    expect(resyncs).toBe(2);
  });

  it('reconnects by itself, with backoff, when the browser gives up, and keeps its subscriptions', () => {
    vi.useFakeTimers();
    const events = start();
    const got: unknown[] = [];
    events.on('run.changed', (run) => got.push(run.id));
    latest().fail(2);
    expect(FakeSource.all).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSource.all).toHaveLength(2);
    latest().fail(2);
    vi.advanceTimersByTime(150);
    expect(FakeSource.all).toHaveLength(2); // the second wait is longer
    vi.advanceTimersByTime(50);
    expect(FakeSource.all).toHaveLength(3);
    latest().send('run.changed', '{"id":"r2"}');
    expect(got).toEqual(['r2']);
    events.close();
    expect(latest().closed).toBe(true);
  });
});
