/**
 * A small line logger: timestamped lines appended to `<data>/logs/keel.log`, warnings and errors echoed to
 * stderr. Secrets never reach it: only the vault handles values, and it logs none.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, error?: unknown): void;
}

export function createLogger(folder: string, echo: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Logger {
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, 'keel.log');
  const write = (level: string, message: string, shout: boolean) => {
    const line = `${new Date().toISOString()} ${level} ${message}`;
    try {
      fs.appendFileSync(file, `${line}\n`);
    } catch {
      // A full disk must not take the engine down with it; stderr still has it.
    }
    if (shout) echo(line);
  };
  return {
    info: (m) => write('INFO', m, false),
    warn: (m) => write('WARN', m, true),
    error: (m, e) => write('ERROR', e ? `${m}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` : m, true),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
