/** Loopback HTTP servers standing in for the intake (and for the console API, which must stay unreachable). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Seen {
  method: string;
  url: string;
  host: string | undefined;
  body: string;
}

export interface RecordingServer {
  port: number;
  seen: Seen[];
  close(): Promise<void>;
}

/** Answers like the intake: 200 `{"ok":true}` at /hooks/healthz, 202 for a POST to /hooks/<slug>, 404 otherwise. */
export async function startRecordingServer(name: string): Promise<RecordingServer> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const entry = { method: req.method ?? '', url: req.url ?? '', host: req.headers.host, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(entry);
      const [status, body] = entry.url === '/hooks/healthz'
        ? [200, { ok: true }]
        : entry.method === 'POST' && entry.url.startsWith('/hooks/') ? [202, { accepted: true, by: name }] : [404, { error: 'not found', by: name }];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    seen,
    close: () => new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    }),
  };
}

/** Sends a request the way the internet would reach the tunnel: to the server, with the public Host. */
export function requestThrough(
  serverPort: number,
  publicHost: string,
  options: { method?: string; path: string; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: serverPort, method: options.method ?? 'GET', path: options.path, headers: { host: publicHost, 'content-type': 'application/json' }, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}
