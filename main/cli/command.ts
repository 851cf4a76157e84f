/** What a `keel` subcommand is: its name, its options, its usage text and what it does. */
import type { parseArgs } from 'node:util';

export type OptionSpec = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

export interface CommandContext {
  /** The data folder: --data-dir, else KEEL_DATA_DIR, else the user's data folder. */
  dataDir: string;
  /** Parsed options (strings, booleans, or string arrays for `multiple` options). */
  options: Record<string, string | boolean | string[] | undefined>;
  /** Positional words after the command's own name. */
  args: string[];
  print(line: string): void;
}

export interface Command {
  name: string;
  /** One line for the command list. */
  summary: string;
  /** Option lines shown under the command in `keel --help`. */
  usage: string[];
  options: OptionSpec;
  /** Resolves to the process exit code. Throw UsageError for bad input. */
  run(context: CommandContext): Promise<number>;
}

/** Bad command-line input: printed without a stack, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function integerOption(value: unknown, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (typeof value !== 'string' || !Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${String(value)}".`);
  }
  return n;
}
