/** Starts `keel-child.ts` in a process of its own (for crash tests and benchmarks) and waits for READY. */
import { spawn, type ChildProcess } from 'node:child_process';

export interface KeelChild {
  child: ChildProcess;
  /** The intake's base URL, ending in /hooks/. */
  intake: string;
  /** From spawn to READY. */
  readyMs: number;
}

export function startKeelChild(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<KeelChild> {
  const t0 = performance.now();
  // KEEL_CHILD_ENTRY: a bundled keel-child (the benchmarks run Keel built, without tsx in the process).
  const entry = process.env.KEEL_CHILD_ENTRY ? [process.env.KEEL_CHILD_ENTRY] : ['--import', 'tsx', 'main/test-support/keel-child.ts'];
  const child = spawn(process.execPath, [...entry, dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const ready = /READY (\S+)/.exec(out);
      if (ready) resolve({ child, intake: ready[1]!, readyMs: performance.now() - t0 });
    });
    child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
    child.once('exit', (code) => reject(new Error(`keel child exited (${code}) before it was ready:\n${out}`)));
  });
}

/** SIGKILL, and wait until the process is gone. */
export function killKeelChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}
