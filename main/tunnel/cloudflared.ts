/**
 * cloudflared quick tunnels: `cloudflared tunnel --url http://127.0.0.1:<intake port>` asks Cloudflare for a
 * random `*.trycloudflare.com` name and prints it. Keel runs the binary when it is on the PATH (there is no
 * npm package of it worth trusting) and says plainly when it is not installed.
 *
 * cloudflared keeps its own edge connections alive; when the process exits the tunnel is gone, and the
 * supervisor starts a new one (with a new name: quick tunnels do not keep theirs).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { tunnelFailure } from './failure';
import type { TunnelProvider } from './provider';

const QUICK_TUNNEL_URL = /https:\/\/[a-z0-9-]+\.trycloudflare\.com/;
/** cloudflared waits for requests in flight on SIGTERM; after this it is killed. */
const KILL_AFTER_MS = 5_000;
const INSTALL_HINT = 'install it (developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/) or choose another tunnel in Settings';

export interface CloudflaredOptions {
  /** The binary: a name looked up on the PATH, or a path. @default 'cloudflared' */
  binary?: string;
  /** Environment for the lookup and the process (PATH, proxies). @default process.env */
  env?: NodeJS.ProcessEnv;
}

/** Where the binary is, or null when it is not installed: for the settings page to say so before anyone picks it. */
export function findCloudflared(binary = 'cloudflared', env: NodeJS.ProcessEnv = process.env): string | null {
  const executable = (file: string) => {
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  };
  if (binary.includes('/') || binary.includes(path.sep)) return executable(binary) ? path.resolve(binary) : null;
  const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE').split(';') : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const ext of extensions) {
      const candidate = path.join(dir, binary + ext);
      if (executable(candidate)) return candidate;
    }
  }
  return null;
}

export function cloudflaredProvider(o: CloudflaredOptions = {}): TunnelProvider {
  const binary = o.binary ?? 'cloudflared';
  const env = o.env ?? process.env;
  return {
    id: 'cloudflared',
    open({ intakePort, signal, events, clock }) {
      const file = findCloudflared(binary, env);
      if (!file) {
        const where = binary.includes('/') ? `at ${binary}` : 'on the PATH';
        return Promise.reject(tunnelFailure(`cloudflared is not installed (no "${binary}" ${where}): ${INSTALL_HINT}`, { permanent: true }));
      }
      const child = spawn(file, ['tunnel', '--no-autoupdate', '--url', `http://127.0.0.1:${intakePort}`], {
        env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true,
      });
      const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
      let lastLine = '';
      let url: string | null = null;

      const stopChild = async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timer = clock.setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
        await exited;
        clock.clearTimeout(timer);
      };

      return new Promise((resolve, reject) => {
        const onAbort = () => {
          void stopChild();
          reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
        };
        signal.addEventListener('abort', onAbort, { once: true });

        const onLine = (line: string) => {
          if (line.trim()) lastLine = line.trim();
          const match = url === null ? QUICK_TUNNEL_URL.exec(line) : null;
          if (!match) return;
          url = match[0];
          signal.removeEventListener('abort', onAbort);
          resolve({ url, close: stopChild });
        };
        // cloudflared logs to stderr; read both so a version that moves the banner still works.
        readline.createInterface({ input: child.stdout! }).on('line', onLine);
        readline.createInterface({ input: child.stderr! }).on('line', onLine);

        child.once('error', (error: NodeJS.ErrnoException) => {
          signal.removeEventListener('abort', onAbort);
          const permanent = error.code === 'ENOENT' || error.code === 'EACCES';
          reject(tunnelFailure(`could not run ${file}: ${error.message}`, { permanent }));
        });
        child.once('close', (code, sig) => {
          const how = sig ? `was killed by ${sig}` : `exited with code ${code}`;
          const detail = lastLine ? `: ${lastLine}` : '';
          if (url === null) {
            signal.removeEventListener('abort', onAbort);
            reject(tunnelFailure(`cloudflared ${how} before giving a public URL${detail}`));
          } else {
            events.dropped(`cloudflared ${how}${detail}`);
          }
        });
      });
    },
  };
}
