/**
 * The recording transport: every HTTP request a connector's SDK sends, and the response it gets, is handed
 * to an `ExchangeSink` (the ledger, in the running app) — whatever SDK sent it. Node-http SDKs (Stripe,
 * Asana, Slack, got) are given a recording Agent; fetch-based ones (Google) a recording fetch.
 *
 * Which run, step and attempt an exchange belongs to travels with the async context of the attempt
 * (`callOrigin.run(...)`), so SDKs need not know about it.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ClientRequest, IncomingMessage } from 'node:http';
import http from 'node:http';
import https from 'node:https';
import zlib from 'node:zlib';

export interface CallOrigin {
  runId: string;
  stepId: string;
  attemptId: string;
  idempotencyKey: string;
}

export const callOrigin = new AsyncLocalStorage<CallOrigin>();

export type HeaderMap = Record<string, string | string[]>;

export interface HttpExchange {
  connector: string;
  origin: CallOrigin | null;
  startedAt: number;
  durationMs: number;
  request: { method: string; url: string; headers: HeaderMap; body: Buffer };
  /** Null when no response arrived (connection refused, reset, timeout). */
  response: { status: number; headers: HeaderMap; body: Buffer } | null;
  error: string | null;
}

/** Receives each finished exchange. Must not throw: recording never breaks a call. */
export interface ExchangeSink {
  record(exchange: HttpExchange): void;
}

function toBuffer(chunk: unknown, encoding?: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk), typeof encoding === 'string' ? (encoding as BufferEncoding) : 'utf8');
}

function requestUrl(req: ClientRequest, secure: boolean): string {
  // The Host header carries the port when it is not the scheme's default; req.host does not.
  const host = String(req.getHeader('host') ?? req.host);
  return `${req.protocol ?? (secure ? 'https:' : 'http:')}//${host}${req.path}`;
}

function incomingHeaders(res: IncomingMessage): HeaderMap {
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(res.headers)) if (value !== undefined) headers[name] = value;
  return headers;
}

function outgoingHeaders(req: ClientRequest): HeaderMap {
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(req.getHeaders())) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.map(String) : String(value);
  }
  return headers;
}

/** Bodies are kept as the SDK read them: decompressed, like fetch hands them over. */
function decoded(res: IncomingMessage, body: Buffer): Buffer {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return zlib.gunzipSync(body);
    if (encoding === 'deflate') return zlib.inflateSync(body);
    if (encoding === 'br') return zlib.brotliDecompressSync(body);
  } catch {
    // A truncated or corrupt body is kept as it arrived.
  }
  return body;
}

/** Taps one ClientRequest: its body as written, and the response body as the parser pushes it. */
function tap(req: ClientRequest, secure: boolean, connector: string, sink: ExchangeSink): void {
  const origin = callOrigin.getStore() ?? null;
  const startedAt = Date.now();
  const t0 = performance.now();
  const sent: Buffer[] = [];
  const write = req.write.bind(req);
  const end = req.end.bind(req);
  req.write = ((chunk: unknown, encoding?: unknown, cb?: unknown) => {
    if (chunk != null && typeof chunk !== 'function') sent.push(toBuffer(chunk, encoding));
    return write(chunk as never, encoding as never, cb as never);
  }) as typeof req.write;
  req.end = ((chunk?: unknown, encoding?: unknown, cb?: unknown) => {
    if (chunk != null && typeof chunk !== 'function') sent.push(toBuffer(chunk, encoding));
    return end(chunk as never, encoding as never, cb as never);
  }) as typeof req.end;

  let done = false;
  const finish = (response: HttpExchange['response'], error: string | null): void => {
    if (done) return;
    done = true;
    try {
      sink.record({
        connector,
        origin,
        startedAt,
        durationMs: Math.round((performance.now() - t0) * 1000) / 1000,
        request: { method: req.method, url: requestUrl(req, secure), headers: outgoingHeaders(req), body: Buffer.concat(sent) },
        response,
        error,
      });
    } catch {
      // The sink is the ledger; its own failures are reported there. A call is never broken by recording.
    }
  };

  req.once('response', (res: IncomingMessage) => {
    const received: Buffer[] = [];
    const push = res.push.bind(res);
    res.push = (chunk: unknown, encoding?: BufferEncoding) => {
      if (chunk != null) received.push(toBuffer(chunk, encoding));
      return push(chunk, encoding);
    };
    const complete = (error: string | null) =>
      finish({ status: res.statusCode ?? 0, headers: incomingHeaders(res), body: decoded(res, Buffer.concat(received)) }, error);
    res.once('end', () => complete(null));
    res.once('aborted', () => complete('the response was cut off before its end'));
    res.once('error', (e) => complete(e.message));
    res.once('close', () => complete(res.complete ? null : 'the response was cut off before its end'));
  });
  req.once('error', (e: NodeJS.ErrnoException) => finish(null, e.code ? `${e.code}: ${e.message}` : e.message));
  req.once('close', () => finish(null, 'the connection closed before any response'));
}

export class RecordingHttpAgent extends http.Agent {
  constructor(
    private readonly connector: string,
    private readonly sink: ExchangeSink,
    options?: http.AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }
  // addRequest is how every ClientRequest using this agent reaches a socket: the one place to tap them all.
  addRequest(req: ClientRequest, options: unknown): void {
    tap(req, false, this.connector, this.sink);
    (http.Agent.prototype as unknown as { addRequest(r: ClientRequest, o: unknown): void }).addRequest.call(this, req, options);
  }
}

export class RecordingHttpsAgent extends https.Agent {
  constructor(
    private readonly connector: string,
    private readonly sink: ExchangeSink,
    options?: https.AgentOptions,
  ) {
    super({ keepAlive: true, ...options });
  }
  addRequest(req: ClientRequest, options: unknown): void {
    tap(req, true, this.connector, this.sink);
    (https.Agent.prototype as unknown as { addRequest(r: ClientRequest, o: unknown): void }).addRequest.call(this, req, options);
  }
}

/** The agent for a base URL's protocol. */
export function recordingAgentFor(baseUrl: string, connector: string, sink: ExchangeSink): http.Agent {
  return baseUrl.startsWith('https:') ? new RecordingHttpsAgent(connector, sink) : new RecordingHttpAgent(connector, sink);
}

function fetchHeaders(headers: Headers): HeaderMap {
  const map: HeaderMap = {};
  headers.forEach((value, name) => {
    map[name] = value;
  });
  return map;
}

/** A fetch that records like the agents do, for SDKs built on fetch. */
export function recordingFetch(connector: string, sink: ExchangeSink, base: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const origin = callOrigin.getStore() ?? null;
    const request = new Request(input, init);
    const requestBody = Buffer.from(await request.clone().arrayBuffer());
    const startedAt = Date.now();
    const t0 = performance.now();
    const requestRecord = { method: request.method, url: request.url, headers: fetchHeaders(request.headers), body: requestBody };
    const done = (response: HttpExchange['response'], error: string | null) => {
      try {
        sink.record({ connector, origin, startedAt, durationMs: Math.round((performance.now() - t0) * 1000) / 1000, request: requestRecord, response, error });
      } catch {
        // see tap()
      }
    };
    let response: Response;
    try {
      response = await base(request);
    } catch (error) {
      const cause = (error as { cause?: NodeJS.ErrnoException }).cause;
      done(null, cause?.code ? `${cause.code}: ${cause.message}` : (error as Error).message);
      throw error;
    }
    try {
      const body = Buffer.from(await response.clone().arrayBuffer());
      done({ status: response.status, headers: fetchHeaders(response.headers), body }, null);
    } catch (error) {
      done({ status: response.status, headers: fetchHeaders(response.headers), body: Buffer.alloc(0) }, (error as Error).message);
    }
    return response;
  };
}
