/** A local HTTP server that answers every request after a fixed delay and counts what it received. */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyServer {
  url: string;
  /** Requests received, by idempotency key: a key seen twice is a doubled side effect. */
  received: Map<string, number>;
  close(): Promise<void>;
}

export async function startLatencyServer(latencyMs: number): Promise<LatencyServer> {
  const received = new Map<string, number>();
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key'] ?? '');
      received.set(key, (received.get(key) ?? 0) + 1);
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end('{"ok":true}');
      }, latencyMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}
