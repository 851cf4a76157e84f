/**
 * The webhook intake: the only thing listening for the outside world. The order of work is fixed:
 *   size and type -> signature and timestamp -> dedup -> ONE transaction (delivery + run + ledger) -> 2xx.
 * A 2xx is sent only after that transaction has committed; if it fails the sender gets 503 and retries.
 * Provider handshakes (handshakes.ts) are answered in the same pipeline, recorded, and start nothing.
 */
import { createHash } from 'node:crypto';
import { v7 as newId } from 'uuid'; // time-ordered ids: see main/engine/engine.ts
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Database from 'better-sqlite3';
import type { GroupCommit } from '../../db/group-commit';
import type { Engine } from '../engine/engine';
import type { Ledger } from '../ledger/ledger';
import { redactHeaders } from '../ledger/redaction';
import type { Vault } from '../vault/vault';
import type { EndpointStore } from './endpoint-store';
import { acknowledgement, hookSecretHandshake, verifiedHandshake, type HookSecretSink, type Reply } from './handshakes';
import { pausedAnswer, type IntakeGate } from './intake-gate';
import { verifierFor, type InboundRequest } from './verifiers';
import { mediaType } from './verifiers/body-fields';

export interface IntakeOptions {
  sqlite: Database.Database;
  ledger: Ledger;
  engine: Engine;
  endpoints: EndpointStore;
  vault: Vault;
  /** Largest accepted body. @default 1 MiB */
  maxBodyBytes?: number;
  now?: () => number;
  /** Called after a delivery has been stored (accepted, duplicate, handshake or rejected). */
  onDelivery?: (deliveryId: string) => void;
  /**
   * The public base URL deliveries arrive through (the tunnel's, e.g. `https://abc.ngrok.app`), when one is up.
   * Schemes that sign the URL (HubSpot) need it; without it the Host header stands in.
   */
  publicBaseUrl?: () => string | undefined;
  /** Where a secret from an `X-Hook-Secret` handshake (Asana) is kept. Without it such handshakes are refused. */
  onHookSecret?: HookSecretSink;
  /** Shared group commit: deliveries arriving together are committed together. */
  commits: GroupCommit;
  /** User-configured redaction of the payload as the ledger records it (the delivery itself keeps its bytes). */
  redactPayload?: (payload: unknown) => unknown;
  /** The operator's pause: while paused, /hooks requests get 503 + Retry-After and nothing is stored. */
  gate?: IntakeGate;
}

/** What the listener sends; `close` ends the connection instead of reading a body nobody wants. */
type Answer = Reply & { close?: boolean };

/** Storage failed: the one failure that earns a 503, so the sender retries. */
class StorageFailure extends Error {
  override name = 'StorageFailure';
}

const HOOK_PATH = /^\/hooks\/([a-z0-9][a-z0-9-]{0,62})\/?(?:\?.*)?$/;
/** Rejections are recorded, but no faster than this per endpoint, so a flood cannot fill the disk. */
const REJECTIONS_PER_SECOND = 10;
/** Requests for endpoints that do not exist share one budget: random slugs must not multiply it. */
const UNKNOWN_ENDPOINTS = '\u0000unknown';

export class Intake {
  private server: http.Server | undefined;
  private readonly maxBodyBytes: number;
  private readonly now: () => number;
  private readonly rejectionBudget = new Map<string, { second: number; count: number }>();

  private readonly statements;

  constructor(private readonly o: IntakeOptions) {
    this.maxBodyBytes = o.maxBodyBytes ?? 1024 * 1024;
    this.now = o.now ?? Date.now;
    this.statements = {
      accepted: o.sqlite.prepare(`SELECT id, run_id AS runId FROM deliveries WHERE endpoint_slug = ? AND provider_delivery_id = ? AND status = 'accepted'`),
      insert: o.sqlite.prepare(`INSERT INTO deliveries (id, endpoint_slug, received_at, status, reason, provider_delivery_id, headers, body, body_sha256)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      linkRun: o.sqlite.prepare('UPDATE deliveries SET run_id = ? WHERE id = ?'),
    };
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
    let answer: Answer | null;
    try {
      answer = await this.answer(req);
    } catch (error) {
      answer = error instanceof StorageFailure
        ? { status: 503, body: { error: 'Keel could not store this delivery; please retry.', detail: error.message } }
        // Not expected: a bug, said as such rather than dressed up as a storage problem.
        : { status: 500, body: { error: 'Keel hit an unexpected error handling this delivery.', detail: (error as Error).message } };
    }
    if (!answer || res.headersSent || res.destroyed) return; // the sender went away mid-body: nothing to answer
    const text = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
    res.writeHead(answer.status, {
      'content-type': typeof answer.body === 'string' ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text), 'cache-control': 'no-store', ...(answer.close && { connection: 'close' }), ...answer.headers,
    });
    res.end(text);
  }

  private async answer(req: IncomingMessage): Promise<Answer | null> {
    const url = req.url ?? '/';
    const paused = pausedAnswer(this.o.gate, url);
    if (paused) return drain(req, paused);
    if (url === '/healthz' || url === '/hooks/healthz') return drain(req, { status: 200, body: { ok: true } });
    const match = HOOK_PATH.exec(url);
    if (!match) return drain(req, { status: 404, body: { error: 'Not found. Webhooks are received at /hooks/<endpoint>.' } });
    const slug = match[1]!;
    const endpoint = this.o.endpoints.get(slug);
    const empty = Buffer.alloc(0);
    if (!endpoint || !endpoint.enabled) {
      const reason = endpoint ? `the endpoint "${slug}" is turned off` : `there is no endpoint "${slug}" on this Keel`;
      return drain(req, this.reject(slug, req, empty, 404, reason, endpoint ? slug : UNKNOWN_ENDPOINTS));
    }
    if (req.method !== 'POST') {
      return drain(req, { ...this.reject(slug, req, empty, 405, `webhooks must be sent with POST, not ${req.method}`), headers: { allow: 'POST' } });
    }

    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > this.maxBodyBytes) {
      return { ...this.reject(slug, req, empty, 413, `the body is ${declared} bytes; the limit is ${this.maxBodyBytes}`), close: true };
    }
    const body = await readBody(req, this.maxBodyBytes);
    if (body === 'aborted') return null;
    if (body === 'too-large') return { ...this.reject(slug, req, empty, 413, `the body is larger than the limit of ${this.maxBodyBytes} bytes`), close: true };
    const settings = endpoint.verifier;
    const verifier = verifierFor(settings.provider);
    if (!verifier) return this.reject(slug, req, body, 500, `the endpoint's verifier "${settings.provider}" is unknown`);
    const settingsProblem = verifier.settingsProblem?.(settings);
    if (settingsProblem) return this.reject(slug, req, body, 500, `the endpoint's ${settings.provider} settings are not usable: ${settingsProblem}`);
    const secrets = await this.secretsOf(endpoint.secretRefs);
    const inbound: InboundRequest = { method: req.method, url, headers: lowerHeaders(req), body, ...this.publicUrlOf(url) };

    // Before the type check: Asana's handshake need not carry a body, let alone a typed one.
    const offer = hookSecretHandshake(inbound.headers, settings, { hasSecret: secrets.length > 0, canStore: this.o.onHookSecret !== undefined, nowMs: this.now() });
    if (offer.kind === 'refuse') return this.reject(slug, req, body, offer.status, offer.reason);
    if (offer.kind === 'accept') {
      try {
        await this.o.onHookSecret!(slug, offer.secret);
      } catch (error) {
        throw new StorageFailure(`the handshake secret could not be stored: ${(error as Error).message}`);
      }
      const { 'x-hook-secret': _secret, ...headers } = inbound.headers;
      this.recordHandshake(slug, { ...inbound, headers }, 'x-hook-secret', 'handshake: X-Hook-Secret received and kept as the signing secret; nothing started');
      return offer.reply;
    }

    const type = mediaType(req.headers['content-type']);
    const jsonish = type.endsWith('+json') && verifier.contentTypes.includes('application/json');
    if (!verifier.contentTypes.includes(type) && !jsonish) {
      return this.reject(slug, req, body, 415, `the content type is "${type || 'missing'}"; this endpoint accepts ${verifier.contentTypes.join(' or ')}`);
    }
    if (verifier.authenticates && !secrets.length) {
      return this.reject(slug, req, body, 401, 'no signing secret is available for this endpoint (set it in Endpoints, or unlock the keychain)');
    }
    const verdict = verifier.verify(inbound, secrets, Math.floor(this.now() / 1000), settings);
    if (!verdict.ok) return this.reject(slug, req, body, 401, verdict.reason);

    let payload: unknown;
    try {
      payload = verifier.payload ? verifier.payload(inbound)
        : type === 'application/x-www-form-urlencoded' ? Object.fromEntries(new URLSearchParams(body.toString('utf8')))
          : JSON.parse(body.toString('utf8'));
    } catch (error) {
      return this.reject(slug, req, body, 400, `the body is not valid JSON: ${(error as Error).message}`);
    }
    const handshake = verifiedHandshake(settings.provider, payload);
    if (handshake) {
      this.recordHandshake(slug, inbound, handshake.kind, handshake.reason);
      return handshake.reply;
    }
    const stored = await this.store(slug, endpoint.workflowId, inbound, payload, verdict.deliveryId);
    return acknowledgement(settings.provider) ?? stored;
  }

  private async secretsOf(refs: string[]): Promise<string[]> {
    const values = await Promise.all(refs.map((ref) => this.o.vault.get(ref).catch(() => null)));
    return values.filter((s): s is string => typeof s === 'string' && s.length > 0);
  }

  private publicUrlOf(url: string): { publicUrl?: string } {
    const base = this.o.publicBaseUrl?.();
    return base ? { publicUrl: `${base.replace(/\/+$/, '')}${url}` } : {};
  }

  /**
   * A delivery fetched from the provider's event list instead of received (missed while the tunnel was down):
   * authenticated by the API call that fetched it, then the same dedup and the same transaction as any other.
   */
  async acceptCaughtUp(event: { endpointSlug: string; deliveryId: string; body: string }): Promise<'accepted' | 'duplicate'> {
    const endpoint = this.o.endpoints.get(event.endpointSlug);
    if (!endpoint) throw new Error(`there is no endpoint "${event.endpointSlug}"`);
    const inbound: InboundRequest = { method: 'POST', url: `/hooks/${event.endpointSlug}`, headers: { 'x-keel-caught-up': 'event-list' }, body: Buffer.from(event.body) };
    const answer = await this.store(event.endpointSlug, endpoint.workflowId, inbound, JSON.parse(event.body), event.deliveryId, 'caught-up');
    return (answer.body as { status: 'accepted' | 'duplicate' }).status;
  }

  /**
   * The one write: dedup, delivery, run, ledger, group-committed with the other deliveries of this turn of the
   * event loop (one fsync for many), and answered only once the commit is done. Throws only when storage
   * fails (-> 503).
   */
  private async store(slug: string, workflowId: string, inbound: InboundRequest, payload: unknown, providerId: string | null, via?: 'caught-up'): Promise<Answer> {
    const deliveryId = newId();
    const at = this.now();
    let outcome: { status: string; runId: string | null } | undefined;
    try {
      await this.o.commits.enqueue(() => {
        const existing = providerId === null ? undefined : (this.statements.accepted.get(slug, providerId) as { id: string; runId: string | null } | undefined);
        const status = existing ? 'duplicate' : 'accepted';
        const stored = this.insertDelivery(deliveryId, slug, at, status, existing ? `duplicate of delivery ${existing.id}` : null, providerId, inbound);
        // The delivery's entry comes first in the ledger, naming the run it starts.
        const runId = existing ? null : newId();
        this.o.ledger.append({
          kind: existing ? 'delivery.duplicate' : 'delivery.accepted', at, endpointSlug: slug, runId: runId ?? existing?.runId ?? null,
          payload: { deliveryId, providerDeliveryId: providerId, headers: stored.headers, body: this.o.redactPayload ? this.o.redactPayload(payload) : payload,
            bodySha256: stored.bodySha256, ...(existing && { duplicateOf: existing.id }), ...(via && { via }) },
        });
        if (runId) {
          this.o.engine.startRun({ workflowId, trigger: payload, deliveryId, runId });
          this.statements.linkRun.run(runId, deliveryId);
        }
        outcome = { status, runId: runId ?? existing?.runId ?? null };
      });
    } catch (error) {
      throw new StorageFailure((error as Error).message);
    }
    this.o.onDelivery?.(deliveryId);
    return { status: 200, body: { received: true, deliveryId, status: outcome!.status, runId: outcome!.runId } };
  }

  /** A handshake is an accepted delivery that starts no run: kept so the console can show it happened. */
  private recordHandshake(slug: string, inbound: InboundRequest, kind: string, reason: string): void {
    const deliveryId = newId();
    const at = this.now();
    storing(() => this.o.sqlite.transaction(() => {
      const stored = this.insertDelivery(deliveryId, slug, at, 'accepted', reason, null, inbound);
      this.o.ledger.append({
        kind: 'delivery.accepted', at, endpointSlug: slug,
        payload: { deliveryId, handshake: kind, reason, headers: stored.headers, bodySha256: stored.bodySha256 },
      });
    })());
    this.o.onDelivery?.(deliveryId);
  }

  private reject(slug: string, req: IncomingMessage, body: Buffer, status: number, reason: string, budgetKey = slug): Answer {
    const second = Math.floor(this.now() / 1000);
    const budget = this.rejectionBudget.get(budgetKey);
    const within = !budget || budget.second !== second || budget.count < REJECTIONS_PER_SECOND;
    this.rejectionBudget.set(budgetKey, budget?.second === second ? { second, count: budget.count + 1 } : { second, count: 1 });
    if (within) {
      const deliveryId = newId();
      const headers = lowerHeaders(req);
      storing(() => this.o.sqlite.transaction(() => {
        const stored = this.insertDelivery(deliveryId, slug, this.now(), 'rejected', reason, null, { method: req.method ?? '', url: req.url ?? '', headers, body });
        this.o.ledger.append({
          kind: 'delivery.rejected', endpointSlug: slug,
          payload: { deliveryId, status, reason, headers: stored.headers, bodySha256: stored.bodySha256, bodyBytes: body.length },
        });
      })());
      this.o.onDelivery?.(deliveryId);
    }
    return { status, body: { error: `Rejected: ${reason}.` } };
  }

  /** Stores a delivery as received, its headers redacted; answers what its ledger entry repeats. */
  private insertDelivery(id: string, slug: string, at: number, status: string, reason: string | null, providerId: string | null,
    inbound: InboundRequest): { headers: ReturnType<typeof redactHeaders>; bodySha256: string } {
    const headers = redactHeaders(inbound.headers);
    const bodySha256 = sha256(inbound.body);
    this.statements.insert.run(id, slug, at, status, reason, providerId, JSON.stringify(headers), inbound.body, bodySha256);
    return { headers, bodySha256 };
  }
}

/** Runs a storage step, marking its failure as the kind that earns a 503. */
function storing<T>(work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw new StorageFailure((error as Error).message);
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

/**
 * Reads the body, giving up as soon as it passes the limit. A sender that disconnects mid-body gets
 * 'aborted': there is nobody left to answer, and nothing is recorded for a request that never arrived.
 */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer | 'too-large' | 'aborted'> {
  return new Promise((resolve) => {
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
    req.once('error', () => resolve('aborted'));
    req.once('close', () => resolve(req.complete ? Buffer.concat(chunks) : 'aborted'));
  });
}

/** Answers without reading a body we do not want; the rest of it is discarded. */
function drain(req: IncomingMessage, answer: Answer): Answer {
  req.resume();
  return answer;
}
