import { describe, expect, it } from 'vitest';
import { FakeScheduler } from './fake-scheduler';
import { QuitCoordinator } from './quit-coordinator';

function setup(drain: () => Promise<void>) {
  const clock = new FakeScheduler();
  const log: string[] = [];
  const coordinator = new QuitCoordinator({
    scheduler: clock,
    deadlineMs: 20_000,
    drain: () => {
      log.push('drain');
      return drain();
    },
    quit: () => log.push('quit'),
    onDrainStart: () => log.push('drain-start'),
    onProblem: (message) => log.push(`problem: ${message}`),
  });
  return { clock, log, coordinator };
}

function deferred() {
  let resolve!: () => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('quitting', () => {
  it('holds the first quit back while Keel drains, then quits and lets the second quit through', async () => {
    const stop = deferred();
    const { coordinator, log, clock } = setup(() => stop.promise);
    expect(coordinator.requestQuit()).toBe(false);
    expect(coordinator.phase).toBe('draining');
    expect(log).toEqual(['drain-start', 'drain']);
    stop.resolve();
    await coordinator.done;
    expect(log).toEqual(['drain-start', 'drain', 'quit']);
    expect(coordinator.phase).toBe('drained');
    expect(coordinator.requestQuit()).toBe(true);
    expect(clock.pending).toBe(0); // the deadline was cancelled
  });

  it('starts one drain only: quit requests while draining are held back and start nothing', async () => {
    const stop = deferred();
    const { coordinator, log } = setup(() => stop.promise);
    const first = coordinator.requestQuit();
    const second = coordinator.requestQuit();
    const third = coordinator.requestQuit();
    expect([first, second, third]).toEqual([false, false, false]);
    stop.resolve();
    await coordinator.done;
    expect(log.filter((l) => l === 'drain')).toHaveLength(1);
    expect(log.filter((l) => l === 'quit')).toHaveLength(1);
  });

  it('quits anyway when the drain does not finish by the deadline', async () => {
    const { coordinator, log, clock } = setup(() => new Promise(() => {}));
    coordinator.requestQuit();
    clock.advance(19_999);
    await Promise.resolve();
    expect(log).not.toContain('quit');
    clock.advance(1);
    await coordinator.done;
    expect(log.at(-2)).toMatch(/^problem: Keel did not finish draining within 20000 ms/);
    expect(log.at(-1)).toBe('quit');
    expect(coordinator.requestQuit()).toBe(true);
  });

  it('quits anyway when the drain fails, and says so', async () => {
    const { coordinator, log } = setup(() => Promise.reject(new Error('database is locked')));
    coordinator.requestQuit();
    await coordinator.done;
    expect(log).toEqual(['drain-start', 'drain', expect.stringMatching(/^problem: Keel could not drain cleanly/), 'quit']);
  });

  it('does nothing before the first request', () => {
    const { coordinator, log } = setup(() => Promise.resolve());
    expect(coordinator.phase).toBe('running');
    expect(coordinator.done).toBeUndefined();
    expect(log).toEqual([]);
  });
});
