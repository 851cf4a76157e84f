/**
 * The `keel` command. Every subcommand takes --data-dir (default: KEEL_DATA_DIR, else the user's data folder).
 */
import { parseArgs } from 'node:util';
import { resolveDataDir } from '../core/paths';
import { UsageError, type Command } from './command';
import { commands } from './commands';

function usage(): string {
  const lines = ['Usage: keel <command> [options]', '', 'Commands:'];
  for (const c of commands) {
    lines.push(`  ${c.name.padEnd(24)}${c.summary}`);
    for (const u of c.usage) lines.push(`      ${u}`);
  }
  lines.push('', 'Every command takes --data-dir DIR (default: $KEEL_DATA_DIR, else the user\'s data folder).');
  return lines.join('\n');
}

function parse(command: Command, argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...command.options, 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`keel ${command.name}: ${(error as Error).message}\n\n${usage()}`);
  }
}

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) throw new UsageError(`There is no command "${name}".\n\n${usage()}`);
  const { values, positionals } = parse(command, rest);
  if (values.help) {
    console.log(usage());
    return 0;
  }
  const { 'data-dir': dataDir, help: _help, ...options } = values;
  return command.run({
    dataDir: resolveDataDir(typeof dataDir === 'string' ? dataDir : undefined),
    options,
    args: positionals,
    print: (line) => console.log(line),
  });
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
