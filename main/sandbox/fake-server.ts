/**
 * The common base of the provider fakes: a `node:http` server on 127.0.0.1 with a random port, a log of every
 * request exactly as it arrived, a queue of injected faults, optional latency and random transient failures,
 * and counters of the objects each fake created. Subclasses only route requests and know their provider's
 * error envelope; everything about *how* an answer goes wrong lives here so all four fakes fail alike.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeFault, FaultQueue, transientFault, type Fault, type FaultAction, type FaultHandle, type FaultMatcher } from './faults';
import { randomSeed, seededRng, type Rng } from './random';

export interface FakeServerOptions {
  /** Every response (and every fault) is delayed this long. Default 0. */
  latencyMs?: number;
  /** Fraction of requests (0..1) refused with a 503 or a 429 + Retry-After when no injected fault applies. */
  transientFailureRate?: number;
  /** Retry-After sent with the random 429s. Default 1. */
  transientRetryAfterSeconds?: number;
  /** Seeds ids and the transient-failure draw, so a run can be replayed. Random when omitted. */
  seed?: number;
  /** Port to bind on 127.0.0.1; default 0 (the OS picks a free one). */
  port?: number;
}

/** One request as the fake received it, and what it answered. */
export interface LoggedRequest {
  seq: number;
  /** Epoch ms at which the whole body had arrived. */
  time: number;
  method: string;
  /** Pathname without the query string. */
  path: string;
  query: Record<string, string | string[]>;
  /** The query string exactly as sent, without `?`. */
  rawQuery: string;
  headers: http.IncomingHttpHeaders;
  /** Alternating names and values, as on the wire (case preserved, duplicates kept). */
  rawHeaders: string[];
  body: string;
  /** The injected or random fault applied to this request, e.g. `status:503`, `reset-after`. */
  fault?: string;
  /** Status sent; undefined when the fake never answered (timeout, reset). */
  status?: number;
  responseBody?: string;
  /** A bug in the fake itself surfaced as a 500; kept so a test can see why. */
  handlerError?: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  log: LoggedRequest;
}

export interface FakeResponse {
  status: number;
  /** Serialized as JSON unless it is a string. */
  body?: unknown;
  headers?: Record<string, string>;
}

/** Thrown from a route to answer with a ready-made (provider-shaped) error. */
export class FakeHttpError extends Error {
  constructor(readonly response: FakeResponse) {
    super(`fake answered ${response.status}`);
  }
}

export type ErrorAction = Extract<FaultAction, { type: 'error' }>;

/** Method + RegExp routing; capture groups become params. Small on purpose: each fake has a dozen routes. */
export class Router<H> {
  private routes: { method: string; pattern: RegExp; handler: H }[] = [];

  on(method: string, pattern: RegExp, handler: H): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler });
    return this;
  }

  find(method: string, path: string): { handler: H; params: string[] } | undefined {
    for (const r of this.routes) {
      if (r.method !== method.toUpperCase()) continue;
      const m = r.pattern.exec(path);
      if (m) return { handler: r.handler, params: m.slice(1).map((p) => safeDecode(p ?? '')) };
    }
    return undefined;
  }

  /** True when the path exists under another method (for providers that answer 405 rather than 404). */
  hasPath(path: string): boolean {
    return this.routes.some((r) => r.pattern.test(path));
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export abstract class FakeServer {
  latencyMs: number;
  transientFailureRate: number;
  readonly seed: number;
  protected rng: Rng;
  private readonly transientRetryAfterSeconds: number;
  private readonly requestedPort: number;
  private server: http.Server | undefined;
  private readonly faults = new FaultQueue();
  private log: LoggedRequest[] = [];
  private createdByKind = new Map<string, unknown[]>();
  private sleepers = new Map<NodeJS.Timeout, () => void>();
  private settledRequests = new WeakSet<FakeRequest>();
  private seq = 0;
  private stopped = false;
  private boundPort: number | undefined;

  constructor(options: FakeServerOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
    this.transientFailureRate = options.transientFailureRate ?? 0;
    this.transientRetryAfterSeconds = options.transientRetryAfterSeconds ?? 1;
    this.seed = options.seed ?? randomSeed();
    this.rng = seededRng(this.seed);
    this.requestedPort = options.port ?? 0;
  }

  /** Answers one request that no fault intercepted. */
  protected abstract route(req: FakeRequest): FakeResponse | Promise<FakeResponse>;
  /** The provider's own error envelope for a status (and, where it applies, a reason or Slack error code). */
  protected abstract errorResponse(action: ErrorAction, req: FakeRequest): FakeResponse;
  /** Drops all provider state back to the seeded starting point. */
  protected abstract resetState(): void;
  /** Headers every answer carries (request ids); default none. */
  protected decorate(_res: FakeResponse, _req: FakeRequest): void {}
  /**
   * Called when a request has arrived (before latency and faults) and again, once, when its answer has been
   * computed or it was dropped: the window in which the provider is "still working on it" (Stripe's
   * idempotency lock uses it).
   */
  protected onArrive(_req: FakeRequest): void {}
  protected onSettled(_req: FakeRequest): void {}

  async start(): Promise<this> {
    if (this.stopped) throw new Error('a stopped fake cannot be restarted; create a new one');
    if (this.server) return this;
    const server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((error: unknown) => {
        // Only reachable if writing itself failed; the socket is the only thing left to clean up.
        res.destroy(error instanceof Error ? error : undefined);
      });
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.requestedPort, '127.0.0.1', () => {
        server.off('error', reject);
        this.boundPort = (server.address() as AddressInfo).port;
        resolve();
      });
    });
    return this;
  }

  /** Closes the listener and every open connection, including the ones a `timeout` fault is holding. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server || this.stopped) return;
    this.stopped = true;
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  }

  /** The bound port; still known after stop(), so a test can aim a client at a dead port (ECONNREFUSED). */
  get port(): number {
    if (this.boundPort === undefined) throw new Error('fake server is not started');
    return this.boundPort;
  }

  /** `http://127.0.0.1:PORT`, no trailing slash. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Queues a fault for the next `times` (default 1) requests that match. */
  inject(matcher: FaultMatcher, fault: Fault): FaultHandle {
    return this.faults.add(matcher, fault);
  }

  pendingFaults(): number {
    return this.faults.pending();
  }

  clearFaults(): void {
    this.faults.clear();
  }

  /** Everything received so far, oldest first, optionally filtered. */
  requests(filter: { method?: string; path?: string | RegExp } = {}): LoggedRequest[] {
    return this.log.filter((r) => {
      if (filter.method && filter.method.toUpperCase() !== r.method) return false;
      if (filter.path === undefined) return true;
      if (typeof filter.path === 'string') return filter.path === r.path;
      filter.path.lastIndex = 0;
      return filter.path.test(r.path);
    });
  }

  clearRequests(): void {
    this.log = [];
  }

  /** Count of objects created through the API, by kind, e.g. `{ customer: 1 }`. Kinds with none are absent. */
  created(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [kind, list] of this.createdByKind) if (list.length) out[kind] = list.length;
    return out;
  }

  /** The created objects of one kind, oldest first (live references: later updates show). */
  createdObjects<T = Record<string, unknown>>(kind: string): T[] {
    return [...((this.createdByKind.get(kind) as T[] | undefined) ?? [])];
  }

  /** Forgets state, counters, log and faults, and restarts the id sequence from the seed. */
  reset(): void {
    this.log = [];
    this.faults.clear();
    this.createdByKind.clear();
    this.seq = 0;
    this.rng = seededRng(this.seed);
    this.resetState();
  }

  /** Records a side effect so tests can count it. Returns the object for chaining. */
  protected track<T>(kind: string, obj: T): T {
    let list = this.createdByKind.get(kind);
    if (!list) this.createdByKind.set(kind, (list = []));
    list.push(obj);
    return obj;
  }

  private sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const entry: LoggedRequest = {
      seq: ++this.seq,
      time: Date.now(),
      method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      rawQuery: url.search.replace(/^\?/, ''),
      headers: req.headers,
      rawHeaders: [...req.rawHeaders],
      body: Buffer.concat(chunks).toString('utf8'),
    };
    this.log.push(entry);
    const request: FakeRequest = { method, path: url.pathname, query: url.searchParams, headers: req.headers, body: entry.body, log: entry };

    const action =
      this.faults.take(method, url.pathname) ??
      transientFault(this.rng, this.transientFailureRate, this.transientRetryAfterSeconds);
    if (action) entry.fault = describeFault(action);
    this.onArrive(request);
    try {
      await this.respond(req, res, request, action);
    } finally {
      this.settle(request);
    }
  }

  private settle(req: FakeRequest): void {
    if (this.settledRequests.has(req)) return;
    this.settledRequests.add(req);
    this.onSettled(req);
  }

  private async respond(req: http.IncomingMessage, res: http.ServerResponse, request: FakeRequest, action: FaultAction | undefined): Promise<void> {
    await this.sleep(this.latencyMs);
    if (this.stopped || req.socket.destroyed) return;

    switch (action?.type) {
      case 'reset-before':
        req.socket.destroy();
        return;
      case 'timeout':
        // Hold the socket open without answering; the client's own timeout (or stop()) ends it.
        if (action.process) await this.answer(request);
        return;
      case 'error':
        return this.send(res, request, this.errorResponse(action, request));
      case 'literal':
        return this.send(res, request, { status: action.status, body: action.body, headers: action.headers });
      case 'reset-after':
        await this.answer(request);
        req.socket.destroy();
        return;
      case 'slow-body':
        return this.send(res, request, await this.answer(request), action.ms);
      default:
        return this.send(res, request, await this.answer(request));
    }
  }

  /** Runs the route; a provider error thrown by it is an answer, anything else is a bug reported as a 500. */
  private async answer(req: FakeRequest): Promise<FakeResponse> {
    try {
      return await this.route(req);
    } catch (error) {
      if (error instanceof FakeHttpError) return error.response;
      req.log.handlerError = error instanceof Error ? (error.stack ?? error.message) : String(error);
      return this.errorResponse({ type: 'error', status: 500 }, req);
    } finally {
      this.settle(req);
    }
  }

  private async send(res: http.ServerResponse, req: FakeRequest, response: FakeResponse, slowMs = 0): Promise<void> {
    if (res.destroyed || res.writableEnded || res.socket?.destroyed) return;
    this.decorate(response, req);
    const isText = typeof response.body === 'string';
    const text = response.body === undefined ? '' : isText ? (response.body as string) : JSON.stringify(response.body);
    const headers: Record<string, string | number> = {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
      ...response.headers,
    };
    res.writeHead(response.status, headers);
    req.log.status = response.status;
    req.log.responseBody = text;
    if (slowMs > 0) {
      res.flushHeaders();
      await this.sleep(slowMs);
      if (this.stopped || res.destroyed || res.socket?.destroyed) return;
    }
    res.end(text);
  }
}

function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of params) {
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}

/** Reads a Bearer token from the Authorization header, if any. */
export function bearerToken(headers: http.IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  if (!auth) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(auth.trim());
  return m?.[1]?.trim();
}
