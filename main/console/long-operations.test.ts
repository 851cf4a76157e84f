import { describe, expect, it } from 'vitest';
import { LedgerWorkCancelled } from '../ledger/work-control';
import { ConsoleProblem } from './dispatch';
import { LongOperations } from './long-operations';

describe('long operations', () => {
  it('can be followed while they run and are forgotten when they end', async () => {
    const ops = new LongOperations();
    let release!: () => void;
    const running = ops.run('op-12345678', 'export', async ({ onProgress }) => {
      onProgress?.(40, 100);
      await new Promise<void>((resolve) => (release = resolve));
      return 'done';
    });
    await Promise.resolve();
    expect(ops.view('op-12345678')).toEqual({ operationId: 'op-12345678', kind: 'export', done: 40, total: 100, cancelling: false });
    await expect(ops.run('op-12345678', 'verify', () => 1)).rejects.toThrow(/already running/);
    release();
    expect(await running).toBe('done');
    expect(ops.view('op-12345678')).toBeNull();
    expect(ops.cancel('op-12345678')).toEqual({ cancelling: false });
  });

  it('passes a cancel to the work as an aborted signal; the work stopping answers as a conflict in words', async () => {
    const ops = new LongOperations();
    const running = ops.run('op-abcdefgh', 'verify', async ({ signal }) => {
      await new Promise((resolve) => signal!.addEventListener('abort', resolve));
      throw new LedgerWorkCancelled(5, 10, 'Verification was cancelled after 5 of 10 entries.');
    });
    await Promise.resolve();
    expect(ops.cancel('op-abcdefgh')).toEqual({ cancelling: true });
    expect(ops.view('op-abcdefgh')?.cancelling).toBe(true);
    const error = await running.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConsoleProblem);
    expect(error).toMatchObject({ code: 'conflict', message: 'Verification was cancelled after 5 of 10 entries.' });
  });

  it('runs work without an id as it is, with nothing to follow', async () => {
    const ops = new LongOperations();
    expect(await ops.run(undefined, 'verify', (control) => Object.keys(control).length)).toBe(0);
  });
});
