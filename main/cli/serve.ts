/** `keel serve`: the core under plain Node, the console over HTTP + SSE on 127.0.0.1, the intake on its own port. */
import path from 'node:path';
import { startKeel } from '../core/keel';
import { createLogger } from '../core/logger';
import { appFile } from '../core/paths';
import { ConsoleServer } from '../server/console-server';
import { integerOption, type Command } from './command';

export interface ServeOptions {
  dataDir: string;
  port: number;
  intakePort: number;
}

export async function serve(options: ServeOptions, print: (line: string) => void): Promise<{ stop(): Promise<void> }> {
  // Warnings raised while starting wait until the Console and Intake lines are out: those come first, always.
  const held: string[] = [];
  let started = false;
  const echo = (line: string) => (started ? process.stderr.write(`${line}\n`) : held.push(line));
  const logger = createLogger(path.join(options.dataDir, 'logs'), echo);
  let keel: Awaited<ReturnType<typeof startKeel>>;
  try {
    keel = await startKeel({ dataDir: options.dataDir, shell: 'headless', intakePort: options.intakePort, logger });
  } catch (error) {
    for (const line of held.splice(0)) process.stderr.write(`${line}\n`); // they may explain the failure
    throw error;
  }
  let rendererRoot: string;
  try {
    rendererRoot = path.dirname(appFile(path.join('out', 'renderer', 'index.html')));
  } catch {
    await keel.stop();
    throw new Error('The console has not been built yet: run `npm run build` (npm install and npm start do it for you).');
  }
  const server = new ConsoleServer({
    handlers: keel.handlers, events: keel.events, rendererRoot, port: options.port, exportsDir: path.join(keel.info.dataDir, 'exports'),
    onBug: (error) => keel.logger.error('console request failed', error),
  });
  let consoleUrl: string;
  try {
    consoleUrl = await server.listen();
  } catch (error) {
    await keel.stop();
    throw new Error(`The console could not listen on 127.0.0.1:${options.port}: ${(error as Error).message}. Pass another --port.`);
  }
  keel.lock.write({ pid: process.pid, startedAt: keel.info.startedAt, shell: 'headless', consoleUrl, intakeUrl: keel.info.intakeUrl });
  // These two lines come first, always: scripts and tests read them.
  print(`Console: ${consoleUrl}`);
  print(`Intake: ${keel.info.intakeUrl}`);
  print(`Data: ${keel.info.dataDir}`);
  started = true;
  for (const line of held.splice(0)) process.stderr.write(`${line}\n`);
  if (keel.info.sandbox) {
    print(`Sandbox: ${keel.providers.sandboxed.join(', ')} use Keel's built-in fakes (no account needed). Try: keel demo send-contract --data-dir "${keel.info.dataDir}"`);
  }
  return {
    async stop() {
      await server.close();
      await keel.stop();
    },
  };
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run Keel headless: console on 127.0.0.1 (URL printed), webhook intake on its own port',
  usage: ['--port N              console port (default: a free one)', '--intake-port N       intake port (default: a free one)'],
  options: { port: { type: 'string' }, 'intake-port': { type: 'string' } },
  async run({ dataDir, options, print }) {
    const server = await serve(
      { dataDir, port: integerOption(options.port, 'port', 0), intakePort: integerOption(options['intake-port'], 'intake-port', 0) },
      print,
    );
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        print('Stopping Keel: finishing what is in flight...');
        server.stop().then(resolve, (error: Error) => {
          console.error(`Keel did not stop cleanly: ${error.message}`);
          resolve();
        });
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    return 0;
  },
};
