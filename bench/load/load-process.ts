/** Starts the webhook-load process and talks to it one request/answer at a time. */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { LoadCommand, LoadReply } from './webhook-load';

export interface LoadProcess {
  serverUrl: string;
  ask<T extends LoadReply['type']>(command: LoadCommand, answer: T): Promise<Extract<LoadReply, { type: T }>>;
  close(): Promise<void>;
}

export async function startLoadProcess(env: NodeJS.ProcessEnv = {}): Promise<LoadProcess> {
  // Bundled beside the scenario by bench/run.ts; from source (tsx) otherwise.
  const built = path.join(import.meta.dirname, 'webhook-load.mjs');
  const child = fs.existsSync(built)
    ? fork(built, [], { execArgv: [], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
    : fork(path.join(import.meta.dirname, 'webhook-load.ts'), [], {
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
    async ask(command, answer) {
      const pending = next();
      child.send(command);
      const reply = await pending;
      if (reply.type !== answer) throw new Error(`the load process answered ${reply.type}, not ${answer}`);
      return reply as never;
    },
    async close() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ cmd: 'exit' } satisfies LoadCommand);
      await exited;
    },
  };
}
