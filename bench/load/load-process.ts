/** Starts the webhook-load process and talks to it one request/answer at a time. */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadCommand, LoadReply } from './webhook-load';

export interface LoadProcess {
  serverUrl: string;
  /** The provider fakes' base URLs and credentials (sandbox-load only). */
  providers: Record<string, { apiBase: string; credential: string }>;
  ask<T extends LoadReply['type']>(command: LoadCommand, answer: T): Promise<Extract<LoadReply, { type: T }>>;
  /** Calls `listener` for each message of this type, besides the answers `ask` waits for. */
  on<T extends LoadReply['type']>(type: T, listener: (message: Extract<LoadReply, { type: T }>) => void): void;
  close(): Promise<void>;
}

/** `script`: webhook-load (the 20 ms server and webhook senders) or sandbox-load (the provider fakes). */
export async function startLoadProcess(env: NodeJS.ProcessEnv = {}, script: 'webhook-load' | 'sandbox-load' = 'webhook-load'): Promise<LoadProcess> {
  // Bundled beside the scenario by bench/run.ts; from source (tsx) otherwise.
  const built = path.join(import.meta.dirname, `${script}.mjs`);
  const child = fs.existsSync(built)
    ? fork(built, [], { execArgv: [], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : fork(path.join(import.meta.dirname, `${script}.ts`), [], {
      execArgv: ['--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  const next = (): Promise<LoadReply> => new Promise((resolve, reject) => {
    const onExit = (code: number | null) => reject(new Error(`the load process exited (${code})`));
    child.once('exit', onExit);
    child.once('message', (m: LoadReply) => {
      child.off('exit', onExit);
      resolve(m);
    });
  });
  const ready = await next();
  if (ready.type !== 'ready') throw new Error(`the load process said ${ready.type} first`);
  return {
    serverUrl: ready.serverUrl,
    providers: ready.providers ?? {},
    async ask(command, answer) {
      const pending = new Promise<LoadReply>((resolve, reject) => {
        const onExit = (code: number | null) => reject(new Error(`the load process exited (${code})`));
        const onMessage = (m: LoadReply) => {
          if (m.type !== answer) return;
          child.off('message', onMessage);
          child.off('exit', onExit);
          resolve(m);
        };
        child.on('message', onMessage);
        child.once('exit', onExit);
      });
      child.send(command);
      return (await pending) as never;
    },
    on(type, listener) {
      child.on('message', (m: LoadReply) => {
        if (m.type === type) listener(m as never);
      });
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'exit' } satisfies LoadCommand);
      await exited;
    },
  };
}
