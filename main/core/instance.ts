/**
 * One Keel per data folder. The running instance leaves `instance.json` (owner-only) with its process id,
 * console URL and intake URL, so `keel` subcommands can find it; a stale file from a killed process is
 * recognised by its dead pid and replaced.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface InstanceInfo {
  pid: number;
  startedAt: number;
  shell: 'electron' | 'headless';
  /** The console's URL with its per-launch token (headless shell only). */
  consoleUrl: string | null;
  intakeUrl: string;
}

const FILE = 'instance.json';

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function readInstance(dataDir: string): InstanceInfo | null {
  try {
    const info = JSON.parse(fs.readFileSync(path.join(dataDir, FILE), 'utf8')) as InstanceInfo;
    return alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export class InstanceLock {
  private constructor(private readonly file: string) {}

  /** Claims the data folder for this process, or throws naming the process that holds it. */
  static acquire(dataDir: string): InstanceLock {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const file = path.join(dataDir, FILE);
    const other = readInstance(dataDir);
    if (other && other.pid !== process.pid) {
      throw new Error(`Keel is already running on ${dataDir} (process ${other.pid}${other.consoleUrl ? `, console ${other.consoleUrl.split('?')[0]}` : ''}). Use that one, or pass another --data-dir.`);
    }
    const lock = new InstanceLock(file);
    lock.write({ pid: process.pid, startedAt: Date.now(), shell: 'headless', consoleUrl: null, intakeUrl: '' });
    return lock;
  }

  write(info: InstanceInfo): void {
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(info, null, 2), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }

  release(): void {
    try {
      const info = JSON.parse(fs.readFileSync(this.file, 'utf8')) as InstanceInfo;
      if (info.pid === process.pid) fs.rmSync(this.file);
    } catch {
      // Already gone.
    }
  }
}
