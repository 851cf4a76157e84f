/**
 * The headless shell's console: the built renderer and the contract over HTTP + server-sent events, on
 * 127.0.0.1 only, behind a random per-launch token. The token arrives once in the printed URL and is swapped
 * for an HttpOnly, SameSite=Strict cookie; API calls may also carry it as `Authorization: Bearer`.
 *
 * Defences: Host must be a loopback name (DNS rebinding), Origin must be this server on state-changing
 * requests (CSRF), failed authentication is rate limited, and the intake port never serves any of this.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { consoleEventNames } from '../../preload/api';
import { dispatch, type ConsoleHandlers } from '../console/dispatch';
import type { ConsoleEventHub } from '../console/events';
import { createStaticFiles } from './static-files';

export interface ConsoleServerOptions {
  handlers: ConsoleHandlers;
  events: ConsoleEventHub;
  /** Folder of the built renderer. */
  rendererRoot: string;
  port?: number;
  /** Folder of ledger exports the console may download (`GET /api/exports/<name>`). */
  exportsDir?: string;
  onBug?: (error: unknown) => void;
}

const COOKIE = 'keel_session';
const MAX_BODY = 1024 * 1024;
const FAILURES_PER_MINUTE = 20;
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

export class ConsoleServer {
  readonly token = randomBytes(32).toString('base64url');
  private server: http.Server | undefined;
  private port = 0;
  private readonly streams = new Set<ServerResponse>();
  private failures = { minute: 0, count: 0 };
  private readonly files;
  private unsubscribe: (() => void) | undefined;
  private heartbeat: NodeJS.Timeout | undefined;

  constructor(private readonly o: ConsoleServerOptions) {
    this.files = createStaticFiles(o.rendererRoot);
  }

  /** Starts listening; returns the URL to open (it carries the token). */
  async listen(): Promise<string> {
    this.server = http.createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        this.o.onBug?.(error);
        if (!res.headersSent) send(res, 500, { error: 'Keel hit an unexpected problem; it has been logged.' });
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.o.port ?? 0, '127.0.0.1', resolve);
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.unsubscribe = this.o.events.subscribe((event, payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of this.streams) stream.write(frame);
    });
    this.heartbeat = setInterval(() => {
      for (const stream of this.streams) stream.write(': keep-alive\n\n');
    }, 15_000);
    this.heartbeat.unref();
    return `http://127.0.0.1:${this.port}/?token=${this.token}`;
  }

  async close(): Promise<void> {
    this.unsubscribe?.();
    clearInterval(this.heartbeat);
    for (const stream of this.streams) stream.end();
    this.streams.clear();
    const server = this.server;
    if (!server) return;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-content-type-options', 'nosniff');
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-frame-options', 'DENY');
    if (!this.hostAllowed(req.headers.host)) {
      return send(res, 421, { error: 'This console answers only on 127.0.0.1 or localhost.' });
    }
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);

    if (url.pathname.startsWith('/api/')) {
      if (!this.authenticated(req)) return this.refuse(res);
      if (req.method !== 'GET' && !this.sameOrigin(req)) {
        return send(res, 403, { error: 'Cross-origin requests to the console are refused.' });
      }
      if (url.pathname === '/api/events' && req.method === 'GET') return this.openStream(res);
      const download = /^\/api\/exports\/(keel-ledger-[A-Za-z0-9-]+\.(csv|xlsx|pdf))$/.exec(url.pathname);
      if (download && req.method === 'GET') return this.sendExport(res, download[1]!);
      const call = /^\/api\/call\/([A-Za-z]+)$/.exec(url.pathname);
      if (call && req.method === 'POST') {
        const body = await readJson(req);
        if (body === undefined) return send(res, 400, { error: 'The request body must be JSON of at most 1 MiB.' });
        const result = await dispatch(this.o.handlers, call[1]!, body, this.o.onBug);
        return send(res, 200, result);
      }
      return send(res, 404, { error: `There is no console API at ${req.method} ${url.pathname}.` });
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, { error: 'Only GET is served here.' });
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!this.tokenMatches(offered)) return this.refuse(res);
      // Swap the one-time URL for a cookie and drop the token from the address bar and history.
      res.setHeader('set-cookie', `${COOKIE}=${this.token}; HttpOnly; SameSite=Strict; Path=/`);
      res.writeHead(303, { location: '/' });
      return void res.end();
    }
    const file = this.files(url.pathname) ?? (url.pathname.includes('.') ? undefined : this.files('/index.html'));
    if (!file) return send(res, 404, { error: 'Not found.' });
    res.writeHead(200, {
      'content-type': file.type,
      'content-length': file.body.length,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-store',
      ...(file.type.startsWith('text/html') && { 'content-security-policy': CSP }),
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  }

  /** Streams one export file; the name pattern above admits nothing but Keel's own export names. */
  private sendExport(res: ServerResponse, name: string): void {
    const file = this.o.exportsDir ? path.join(this.o.exportsDir, name) : undefined;
    if (!file || !fs.existsSync(file)) return send(res, 404, { error: `There is no export named ${name}; export the ledger again.` });
    const types: Record<string, string> = {
      csv: 'text/csv; charset=utf-8', pdf: 'application/pdf',
      xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
    res.writeHead(200, {
      'content-type': types[name.split('.').pop()!]!, 'content-length': fs.statSync(file).size,
      'content-disposition': `attachment; filename="${name}"`, 'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  }

  private openStream(res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(`retry: 2000\n: events ${consoleEventNames.join(', ')}\n\n`);
    this.streams.add(res);
    res.on('close', () => this.streams.delete(res));
  }

  private hostAllowed(host: string | undefined): boolean {
    if (!host) return false;
    return [`127.0.0.1:${this.port}`, `localhost:${this.port}`, `[::1]:${this.port}`].includes(host.toLowerCase());
  }

  private sameOrigin(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    // Non-browser clients (the keel command) send no Origin; browsers always do on cross-origin POSTs.
    if (origin === undefined) return req.headers['sec-fetch-site'] === undefined || req.headers['sec-fetch-site'] === 'same-origin';
    return [`http://127.0.0.1:${this.port}`, `http://localhost:${this.port}`, `http://[::1]:${this.port}`].includes(origin);
  }

  private authenticated(req: IncomingMessage): boolean {
    const bearer = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer !== undefined) return this.tokenMatches(bearer);
    const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim()).find((c) => c.startsWith(`${COOKIE}=`));
    return cookie !== undefined && this.tokenMatches(cookie.slice(COOKIE.length + 1));
  }

  private tokenMatches(offered: string): boolean {
    const a = Buffer.from(offered);
    const b = Buffer.from(this.token);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  private refuse(res: ServerResponse): void {
    const minute = Math.floor(Date.now() / 60_000);
    if (this.failures.minute !== minute) this.failures = { minute, count: 0 };
    this.failures.count++;
    if (this.failures.count > FAILURES_PER_MINUTE) {
      res.setHeader('retry-after', '60');
      return send(res, 429, { error: 'Too many failed sign-ins; wait a minute.' });
    }
    send(res, 401, { error: 'Not signed in. Open the console URL that `keel serve` printed; it carries this launch\'s token.' });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return undefined;
    chunks.push(chunk as Buffer);
  }
  if (!size) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}
