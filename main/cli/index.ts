/**
 * The `keel` command. Every subcommand takes --data-dir (default: KEEL_DATA_DIR, else the user's data folder).
 */
import { parseArgs } from 'node:util';
import type { RunStatus } from '../../preload/api';
import { resolveDataDir } from '../core/paths';
import { sendDemoContracts } from './demo';
import { formatRuns, listRuns } from './runs';
import { serve } from './serve';

const USAGE = `Usage: keel <command> [options]

Commands:
  serve                     Run Keel headless: console on 127.0.0.1 (URL printed), webhook intake on its own port
      --port N              console port (default: a free one)
      --intake-port N       intake port (default: a free one)
  runs                      List runs
      --status S            running | completed | needs_attention | cancelled
      --limit N             at most N runs (default 50)
      --json                print JSON
  demo send-contract        Post signed sample contract webhooks to the running Keel
      --count N             how many (default 1)
      --plan P              standard | enterprise (default: alternate)

Every command takes --data-dir DIR (default: $KEEL_DATA_DIR, else the user's data folder).`;

const RUN_STATUSES: RunStatus[] = ['running', 'completed', 'needs_attention', 'cancelled'];

class UsageError extends Error {}

function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${value}".`);
  return n;
}

function parseCommandLine(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string' },
        'intake-port': { type: 'string' },
        status: { type: 'string' },
        limit: { type: 'string' },
        json: { type: 'boolean' },
        count: { type: 'string' },
        plan: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandLine(argv);
  const [command, sub] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const dataDir = resolveDataDir(values['data-dir']);

  switch (command) {
    case 'serve': {
      const server = await serve(
        { dataDir, port: integer(values.port, 'port', 0), intakePort: integer(values['intake-port'], 'intake-port', 0) },
        (line) => console.log(line),
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          console.log('Stopping Keel: finishing what is in flight...');
          server.stop().then(resolve, (error: Error) => {
            console.error(`Keel did not stop cleanly: ${error.message}`);
            resolve();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
      return 0;
    }
    case 'runs': {
      const status = values.status as RunStatus | undefined;
      if (status && !RUN_STATUSES.includes(status)) throw new UsageError(`--status must be one of ${RUN_STATUSES.join(', ')}.`);
      const runs = listRuns(dataDir, status, integer(values.limit, 'limit', 50, 1));
      if (values.json) console.log(JSON.stringify(runs, null, 2));
      else for (const line of formatRuns(runs)) console.log(line);
      return 0;
    }
    case 'demo': {
      if (sub !== 'send-contract') throw new UsageError('Try: keel demo send-contract [--count N] [--plan standard|enterprise]');
      const deliveries = await sendDemoContracts(dataDir, integer(values.count, 'count', 1, 1), values.plan);
      for (const d of deliveries) {
        console.log(`${d.status >= 200 && d.status < 300 ? 'Accepted' : 'Refused'}: contract ${d.contractId} (HTTP ${d.status})`);
      }
      return deliveries.every((d) => d.status >= 200 && d.status < 300) ? 0 : 1;
    }
    default:
      throw new UsageError(`There is no command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    console.error(error instanceof UsageError ? error.message : `keel: ${error.message}`);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  },
);
