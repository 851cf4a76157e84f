/**
 * The webhook intake: the only thing listening for the outside world. The order of work is fixed:
 *   size and type -> signature and timestamp -> dedup -> ONE transaction (delivery + run + ledger) -> 2xx.
 * A 2xx is sent only after that transaction has committed; if it fails the sender gets 503 and retries.
 */
import { createHash, randomUUID } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import type { Engine } from '../engine/engine';
import type { Ledger } from '../ledger/ledger';
import { redactHeaders } from '../ledger/redaction';
import type { Vault } from '../vault/vault';
import type { EndpointStore } from './endpoint-store';
import { verifierFor, type InboundRequest } from './verifiers';

export interface IntakeOptions {
  sqlite: Database.Database;
  ledger: Ledger;
  engine: Engine;
  endpoints: EndpointStore;
  vault: Vault;
  /** Largest accepted body. @default 1 MiB */
  maxBodyBytes?: number;
  now?: () => number;
  /** Called after a delivery has been stored (accepted, duplicate or rejected). */
  onDelivery?: (deliveryId: string) => void;
}

interface Answer {
  status: number;
  body: Record<string, unknown>;
}

const HOOK_PATH = /^\/hooks\/([a-z0-9][a-z0-9-]{0,62})\/?(?:\?.*)?$/;
/** Rejections are recorded, but no faster than this per endpoint, so a flood cannot fill the disk. */
const REJECTIONS_PER_SECOND = 10;

export class Intake {
  private server: http.Server | undefined;
  private readonly maxBodyBytes: number;
  private readonly now: () => number;
  private readonly rejectionBudget = new Map<string, { second: number; count: number }>();

  constructor(private readonly o: IntakeOptions) {
    this.maxBodyBytes = o.maxBodyBytes ?? 1024 * 1024;
    this.now = o.now ?? Date.now;
  }

  async listen(port = 0, host = '127.0.0.1'): Promise<string> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    this.server.headersTimeout = 10_000;
    this.server.requestTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(port, host, resolve);
    });
    const { port: bound } = this.server.address() as AddressInfo;
    return `http://${host}:${bound}/hooks/`;
  }

  async close(): Promise<void> {
    if (!this.server) return;
    const server = this.server;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeIdleConnections();
    });
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let answer: Answer;
    try {
      answer = await this.answer(req);
    } catch (error) {
      // Only storage can fail here; the sender will retry a 503.
      answer = { status: 503, body: { error: 'Keel could not store this delivery; please retry.', detail: (error as Error).message } };
    }
    if (!res.headersSent) {
      const text = JSON.stringify(answer.body);
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
      res.end(text);
    }
  }

  private async answer(req: IncomingMessage): Promise<Answer> {
    const url = req.url ?? '/';
    if (url === '/healthz' || url === '/hooks/healthz') return { status: 200, body: { ok: true } };
    const match = HOOK_PATH.exec(url);
    if (!match) return drain(req, { status: 404, body: { error: 'Not found. Webhooks are received at /hooks/<endpoint>.' } });
    const slug = match[1]!;
    const endpoint = this.o.endpoints.get(slug);
    if (!endpoint || !endpoint.enabled) {
      return drain(req, { status: 404, body: { error: `There is no endpoint "${slug}" on this Keel.` } });
    }
    if (req.method !== 'POST') return drain(req, { status: 405, body: { error: 'Webhooks must be sent with POST.' } });

    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > this.maxBodyBytes) return drain(req, this.reject(slug, req, Buffer.alloc(0), 413, `the body is ${declared} bytes; the limit is ${this.maxBodyBytes}`));
    const body = await readBody(req, this.maxBodyBytes);
    if (body === 'too-large') return this.reject(slug, req, Buffer.alloc(0), 413, `the body is larger than the limit of ${this.maxBodyBytes} bytes`);
    const verifier = verifierFor(endpoint.verifier.provider);
    if (!verifier) return this.reject(slug, req, body, 500, `the endpoint's verifier "${endpoint.verifier.provider}" is unknown`);
    const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const jsonish = type.endsWith('+json') && verifier.contentTypes.includes('application/json');
    if (!verifier.contentTypes.includes(type) && !jsonish) {
      return this.reject(slug, req, body, 415, `the content type is "${type || 'missing'}"; this endpoint accepts ${verifier.contentTypes.join(' or ')}`);
    }
    const secrets = (await Promise.all(endpoint.secretRefs.map((ref) => this.o.vault.get(ref).catch(() => null)))).filter(
      (s): s is string => typeof s === 'string' && s.length > 0,
    );
    if (verifier.authenticates && !secrets.length) {
      return this.reject(slug, req, body, 401, 'no signing secret is available for this endpoint (set it in Endpoints, or unlock the keychain)');
    }
    const inbound: InboundRequest = { method: req.method, url, headers: lowerHeaders(req), body };
    const verdict = verifier.verify(inbound, secrets, Math.floor(this.now() / 1000));
    if (!verdict.ok) return this.reject(slug, req, body, 401, verdict.reason);

    let payload: unknown;
    try {
      payload = type === 'application/x-www-form-urlencoded'
        ? Object.fromEntries(new URLSearchParams(body.toString('utf8')))
        : JSON.parse(body.toString('utf8'));
    } catch (error) {
      return this.reject(slug, req, body, 400, `the body is not valid JSON: ${(error as Error).message}`);
    }
    return this.store(slug, endpoint.workflowId, inbound, payload, verdict.deliveryId);
  }

  /** The one transaction: dedup, delivery, run, ledger. Throws only when storage fails (-> 503). */
  private store(slug: string, workflowId: string, inbound: InboundRequest, payload: unknown, providerId: string | null): Answer {
    const deliveryId = randomUUID();
    const at = this.now();
    const outcome = this.o.sqlite.transaction(() => {
      const existing = providerId === null ? undefined : (this.o.sqlite
        .prepare(`SELECT id, run_id AS runId FROM deliveries WHERE endpoint_slug = ? AND provider_delivery_id = ? AND status = 'accepted'`)
        .get(slug, providerId) as { id: string; runId: string | null } | undefined);
      const status = existing ? 'duplicate' : 'accepted';
      this.insertDelivery(deliveryId, slug, at, status, existing ? `duplicate of delivery ${existing.id}` : null, providerId, inbound);
      // The delivery's entry comes first in the ledger, naming the run it starts.
      const runId = existing ? null : randomUUID();
      this.o.ledger.append({
        kind: existing ? 'delivery.duplicate' : 'delivery.accepted', at, endpointSlug: slug, runId: runId ?? existing?.runId ?? null,
        payload: { deliveryId, providerDeliveryId: providerId, headers: redactHeaders(inbound.headers), body: payload,
          bodySha256: sha256(inbound.body), ...(existing && { duplicateOf: existing.id }) },
      });
      if (runId) {
        this.o.engine.startRun({ workflowId, trigger: payload, deliveryId, runId });
        this.o.sqlite.prepare('UPDATE deliveries SET run_id = ? WHERE id = ?').run(runId, deliveryId);
      }
      return { status, runId: runId ?? existing?.runId ?? null };
    })();
    this.o.onDelivery?.(deliveryId);
    return { status: 200, body: { received: true, deliveryId, status: outcome.status, runId: outcome.runId } };
  }

  private reject(slug: string, req: IncomingMessage, body: Buffer, status: number, reason: string): Answer {
    const second = Math.floor(this.now() / 1000);
    const budget = this.rejectionBudget.get(slug);
    const within = !budget || budget.second !== second || budget.count < REJECTIONS_PER_SECOND;
    this.rejectionBudget.set(slug, budget?.second === second ? { second, count: budget.count + 1 } : { second, count: 1 });
    if (within) {
      const deliveryId = randomUUID();
      const headers = lowerHeaders(req);
      this.o.sqlite.transaction(() => {
        this.insertDelivery(deliveryId, slug, this.now(), 'rejected', reason, null, { method: req.method ?? '', url: req.url ?? '', headers, body });
        this.o.ledger.append({
          kind: 'delivery.rejected', endpointSlug: slug,
          payload: { deliveryId, status, reason, headers: redactHeaders(headers), bodySha256: sha256(body), bodyBytes: body.length },
        });
      })();
      this.o.onDelivery?.(deliveryId);
    }
    return { status, body: { error: `Rejected: ${reason}.` } };
  }

  private insertDelivery(id: string, slug: string, at: number, status: string, reason: string | null, providerId: string | null,
    inbound: InboundRequest): void {
    this.o.sqlite
      .prepare(`INSERT INTO deliveries (id, endpoint_slug, received_at, status, reason, provider_delivery_id, headers, body, body_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(id, slug, at, status, reason, providerId, JSON.stringify(redactHeaders(inbound.headers)), inbound.body, sha256(inbound.body));
  }
}

function sha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}

function lowerHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Reads the body, giving up as soon as it passes the limit. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        resolve('too-large');
      } else chunks.push(chunk);
    });
    req.once('end', () => resolve(Buffer.concat(chunks)));
    req.once('error', reject);
  });
}

/** Answers without reading a body we do not want; the rest of it is discarded. */
function drain(req: IncomingMessage, answer: Answer): Answer {
  req.resume();
  return answer;
}
