/**
 * Fuzz: 10,000 generated requests over raw TCP to a real intake on a real SQLite file. Raw sockets, not
 * fetch, so requests can be what no client library would send: random bytes, oversized or broken headers,
 * broken encodings and framing, wrong content types, random and tampered signatures, bodies trickled slowly
 * or abandoned halfway. The intake must never crash or answer 5xx (storage does not fail here), and only a
 * correctly signed request may start a run.
 */
import { createHash } from 'node:crypto';
import net from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engineHarness } from '../test-support/engine-harness';
import { MemoryVault } from '../test-support/memory-vault';
import { EndpointStore } from './endpoint-store';
import { Intake } from './intake';
import type { InboundRequest, VerifierSettings } from './verifiers';
import { signedRequest } from './verifiers/signers';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const PUBLIC = 'https://fuzz.example';
const BATCHES = Number(process.env.KEEL_FUZZ_BATCHES ?? 500);
const PER_BATCH = 20;

/** Endpoints under fuzz: every verifier that authenticates (a `none` endpoint starts runs by design). */
const ENDPOINTS: Record<string, VerifierSettings> = {
  sw: { provider: 'standard-webhooks' },
  stripe: { provider: 'stripe' },
  gh: { provider: 'github' },
  slack: { provider: 'slack' },
  docusign: { provider: 'docusign' },
  pandadoc: { provider: 'pandadoc' },
  dbx: { provider: 'dropbox-sign' },
  hs: { provider: 'hubspot' },
  typeform: { provider: 'typeform' },
  calendly: { provider: 'calendly' },
  generic: { provider: 'hmac', header: 'X-Sig', algorithm: 'sha512', encoding: 'base64', template: '{timestamp}.{method}.{url}.{body}', timestampHeader: 'X-Ts' },
  asana: { provider: 'hmac', header: 'X-Hook-Signature', hookSecret: true },
};
const SLUGS = Object.keys(ENDPOINTS);

let h: ReturnType<typeof engineHarness>;
let intake: Intake;
let port: number;
/** sha256 of every body sent correctly signed: the only bodies a run may come from. */
const signedBodies = new Set<string>();

beforeAll(async () => {
  h = engineHarness();
  h.workflows.publish({ id: 'wf', name: 'Fuzzed', trigger: { endpoint: 'sw' }, steps: [{ id: 'a', action: 'test.do' }] });
  const endpoints = new EndpointStore(h.store.sqlite, h.ledger);
  const vault = new MemoryVault();
  for (const [slug, verifier] of Object.entries(ENDPOINTS)) {
    endpoints.save({ slug, workflowId: 'wf', verifier, secretRefs: [`endpoint.${slug}`], enabled: true });
    await vault.set(`endpoint.${slug}`, SECRET);
  }
  intake = new Intake({
    sqlite: h.store.sqlite, ledger: h.ledger, engine: h.engine, commits: h.commits, endpoints, vault, maxBodyBytes: 64 * 1024,
    publicBaseUrl: () => PUBLIC, onHookSecret: async () => { throw new Error('the fuzz never gets this far'); },
  });
  port = Number(new URL(await intake.listen()).port);
});

afterAll(async () => {
  await intake.close();
  await h.close();
});

// ---- what gets sent -------------------------------------------------------------------------------------

interface Wire {
  kind: 'garbage' | 'random' | 'signed' | 'forged';
  chunks: Buffer[];
  /** Milliseconds to wait before each chunk after the first: a slow sender. */
  delays: number[];
  /** Hang up before the last chunk, mid-body. */
  abandon: boolean;
}

const token = fc.stringMatching(/^[A-Za-z0-9-]{1,20}$/);
const anyText = fc.string({ unit: 'binary', maxLength: 200 });
const hugeText = fc.integer({ min: 8_000, max: 40_000 }).map((n) => 'x'.repeat(n));
const printable = fc.string({ maxLength: 200 });
const knownHeader = fc.constantFrom('content-type', 'content-length', 'transfer-encoding', 'webhook-id', 'webhook-signature',
  'webhook-timestamp', 'stripe-signature', 'x-hub-signature-256', 'x-slack-signature', 'x-slack-request-timestamp', 'x-hook-secret',
  'x-hubspot-signature-v3', 'x-hubspot-request-timestamp', 'x-docusign-signature-1', 'typeform-signature', 'calendly-webhook-signature',
  'content-encoding', 'host', 'x-sig', 'x-ts', 'x-hook-signature', 'expect', 'connection');
const headerName = fc.oneof({ weight: 6, arbitrary: knownHeader }, { weight: 3, arbitrary: token }, { weight: 1, arbitrary: anyText });
const headerValue = fc.oneof({ weight: 8, arbitrary: printable }, { weight: 1, arbitrary: anyText }, { weight: 1, arbitrary: hugeText },
  { weight: 4, arbitrary: fc.constantFrom('application/json', 'application/json; charset=utf-16', 'text/plain', 'multipart/form-data; boundary=',
    'multipart/form-data; boundary=x', 'application/x-www-form-urlencoded', 'application/cloudevents+json', 'gzip', 'chunked', 'v1,AAAA',
    'sha256=00', 't=1,v1=00', '-1', '99999999999', '', '100-continue', 'close', 'keep-alive') });
const path = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SLUGS, 'nope', 'healthz').map((s) => `/hooks/${s}`) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...SLUGS), anyText).map(([s, q]) => `/hooks/${s}?${encodeURIComponent(q)}&signature=${q.replace(/[^!-~]/g, '')}`) },
  { weight: 1, arbitrary: fc.constantFrom('/', '/api/call/listRuns', '/hooks/', '/hooks/../api', '//hooks/sw', '/HOOKS/sw', '*') },
  { weight: 1, arbitrary: anyText.map((p) => `/${p}`) },
);
const body = fc.oneof(fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)), fc.json().map((j) => Buffer.from(j)),
  fc.string({ unit: 'binary' }).map((s) => Buffer.from(s, 'utf16le')), fc.constant(Buffer.alloc(70 * 1024, 0x7b)));
const framing = fc.constantFrom('length', 'none', 'too-long', 'too-short', 'chunked', 'broken-chunked');
const pacing = fc.record({ slow: fc.oneof({ weight: 30, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }), abandon: fc.oneof({ weight: 40, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }) });

function frame(method: string, target: string, headers: [string, string][], payload: Buffer, how: string): Buffer {
  const lines = [`${method} ${target} HTTP/1.1`, 'host: 127.0.0.1', ...headers.map(([n, v]) => `${n}: ${v}`)];
  let content = payload;
  if (how === 'length') lines.push(`content-length: ${payload.length}`);
  if (how === 'too-long') lines.push(`content-length: ${payload.length + 10}`);
  if (how === 'too-short') lines.push(`content-length: ${Math.max(0, payload.length - 3)}`);
  if (how === 'chunked' || how === 'broken-chunked') {
    lines.push('transfer-encoding: chunked');
    const size = how === 'chunked' ? payload.length.toString(16) : `${(payload.length + 7).toString(16)}zz`;
    content = Buffer.concat([Buffer.from(`${size}\r\n`), payload, Buffer.from(payload.length ? '\r\n0\r\n\r\n' : '\r\n')]);
  }
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), content]);
}

function paced(bytes: Buffer, p: { slow: boolean; abandon: boolean }): Pick<Wire, 'chunks' | 'delays' | 'abandon'> {
  if (!p.slow && !p.abandon) return { chunks: [bytes], delays: [], abandon: false };
  const pieces = 4;
  const size = Math.ceil(bytes.length / pieces);
  const chunks = Array.from({ length: pieces }, (_, i) => bytes.subarray(i * size, (i + 1) * size)).filter((c) => c.length);
  return { chunks, delays: chunks.map(() => (p.slow ? 8 : 0)), abandon: p.abandon };
}

const garbage = fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 3000 }), pacing)
  .map(([bytes, p]): Wire => ({ kind: 'garbage', ...paced(Buffer.from(bytes), p) }));

const random = fc.tuple(fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'BREW'), path,
  fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }), body, framing, pacing)
  .map(([method, target, headers, payload, how, p]): Wire => ({ kind: 'random', ...paced(frame(method, target, headers, payload, how), p) }));

/** Well-formed requests to real endpoints carrying each provider's signature headers with random values. */
const SIGNATURE_HEADERS = ['webhook-id', 'webhook-timestamp', 'webhook-signature', 'stripe-signature', 'x-hub-signature-256', 'x-slack-signature',
  'x-slack-request-timestamp', 'x-docusign-signature-1', 'x-docusign-signature-2', 'x-hubspot-signature-v3', 'x-hubspot-request-timestamp',
  'typeform-signature', 'calendly-webhook-signature', 'x-sig', 'x-ts', 'x-hook-signature', 'x-pandadoc-webhook-event-id'];
const signatureValue = fc.oneof(printable, fc.nat().map(String), fc.constant(String(Math.floor(Date.now() / 1000))), fc.constant(String(Date.now())),
  fc.base64String({ maxLength: 88 }), fc.stringMatching(/^(sha256=|v0=|v1,|t=\d{10},v1=)[0-9a-f]{0,64}$/));
const randomSignature = fc.tuple(fc.constantFrom(...SLUGS), fc.subarray(SIGNATURE_HEADERS, { minLength: 1, maxLength: 4 }), fc.array(signatureValue, { minLength: 4, maxLength: 4 }),
  fc.constantFrom('application/json', 'multipart/form-data; boundary=b', 'application/x-www-form-urlencoded'), body, pacing)
  .map(([slug, names, values, type, payload, p]): Wire => ({
    kind: 'random', ...paced(frame('POST', `/hooks/${slug}?signature=${encodeURIComponent(values[0]!)}`, [['content-type', type], ...names.map((n, i): [string, string] => [n, values[i]!])], payload, 'length'), p),
  }));

/** A body each provider would send, with random content, so signed requests reach every verifier. */
function providerBody(provider: string, id: string, text: string): string {
  if (provider === 'dropbox-sign') return JSON.stringify({ event: { event_type: `signature_request_${text.length % 3 ? 'signed' : 'sent'}`, event_metadata: { related_signature_id: id } }, note: text });
  if (provider === 'hubspot') return JSON.stringify([{ eventId: id, note: text }]);
  if (provider === 'calendly') return JSON.stringify({ event: 'invitee.created', payload: { uri: `https://api.calendly.com/invitees/${id}`, note: text } });
  return JSON.stringify({ id, event_id: id, eventId: id, note: text, data: { envelopeId: id } });
}

function sign(slug: string, id: string, text: string): InboundRequest {
  return signedRequest(ENDPOINTS[slug]!.provider, {
    secret: SECRET, body: providerBody(ENDPOINTS[slug]!.provider, id, text), nowSeconds: Math.floor(Date.now() / 1000),
    url: `${PUBLIC}/hooks/${slug}`, settings: ENDPOINTS[slug]!,
  });
}

function toWire(r: InboundRequest, how = 'length'): Buffer {
  return frame(r.method, r.url, Object.entries(r.headers).map(([n, v]) => [n, v!]), r.body, how);
}

const signed = fc.tuple(fc.constantFrom(...SLUGS), fc.uuid(), fc.string({ maxLength: 100 }), fc.constantFrom('length', 'chunked'), fc.boolean())
  .map(([slug, id, text, how, slow]): Wire => {
    const r = sign(slug, id, text);
    signedBodies.add(createHash('sha256').update(r.body).digest('hex'));
    return { kind: 'signed', ...paced(toWire(r, how), { slow: slow && text.length % 5 === 0, abandon: false }) };
  });

/** A correctly signed request with one thing changed that the scheme signs: never accepted. */
const forged = fc.tuple(fc.constantFrom(...SLUGS.filter((s) => s !== 'dbx')), fc.uuid(), fc.string({ maxLength: 100 }), fc.nat(), fc.constantFrom('body', 'signature', 'secret'))
  .map(([slug, id, text, at, what]): Wire => {
    const r = what === 'secret' ? resign(slug, id, text) : sign(slug, id, text);
    if (what === 'body') r.body[at % r.body.length] = r.body[at % r.body.length]! ^ 0x20;
    if (what === 'signature') {
      const name = Object.keys(r.headers).find((n) => /signature|sig$/.test(n)) ?? 'content-type';
      const value = r.headers[name]!;
      const i = value.length - 1 - (at % Math.min(8, value.length));
      // A digit for a digit: hex is compared without regard to case, so 'a' -> 'A' would not be a change.
      r.headers[name] = `${value.slice(0, i)}${value[i] === '0' ? '1' : '0'}${value.slice(i + 1)}`;
      if (slug === 'pandadoc') r.url = r.url.replace(/signature=[0-9a-f]/, (m) => `${m.slice(0, -1)}${m.endsWith('a') ? 'b' : 'a'}`);
    }
    return { kind: 'forged', chunks: [toWire(r)], delays: [], abandon: false };
  });

function resign(slug: string, id: string, text: string): InboundRequest {
  return signedRequest(ENDPOINTS[slug]!.provider, {
    secret: 'whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD', body: providerBody(ENDPOINTS[slug]!.provider, id, text),
    nowSeconds: Math.floor(Date.now() / 1000), url: `${PUBLIC}/hooks/${slug}`, settings: ENDPOINTS[slug]!,
  });
}

const wire = fc.oneof({ weight: 2, arbitrary: garbage }, { weight: 8, arbitrary: random }, { weight: 4, arbitrary: randomSignature },
  { weight: 3, arbitrary: signed }, { weight: 3, arbitrary: forged });

// ---- the raw client -------------------------------------------------------------------------------------

/** Sends the bytes and returns the answer's status, or null when the connection ended without one. */
function exchange(w: Wire): Promise<number | null> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const received: Buffer[] = [];
    const timer = setTimeout(() => { socket.destroy(); reject(new Error(`no answer within 15 s to a ${w.kind} request`)); }, 15_000);
    socket.on('data', (d) => received.push(d));
    socket.on('error', () => undefined); // a reset after the server answered and closed is fine
    socket.on('close', () => {
      clearTimeout(timer);
      const status = /^HTTP\/1\.1 (\d{3})/.exec(Buffer.concat(received).toString('latin1'));
      resolve(status ? Number(status[1]) : null);
    });
    socket.on('connect', async () => {
      for (const [i, chunk] of w.chunks.entries()) {
        if (w.abandon && i === w.chunks.length - 1) return void socket.destroy();
        if (i > 0 && w.delays[i]) await new Promise((r) => setTimeout(r, w.delays[i]));
        if (socket.destroyed) return;
        socket.write(chunk);
      }
      socket.end(); // no more requests on this connection; the server answers and closes
    });
  });
}

// ---- the property ---------------------------------------------------------------------------------------

it(`survives ${BATCHES * PER_BATCH} generated requests: no crash, no 5xx, no run from an unverified request`, async () => {
  const tally: Record<string, number> = {};
  await fc.assert(
    fc.asyncProperty(fc.array(wire, { minLength: PER_BATCH, maxLength: PER_BATCH }), async (batch) => {
      const statuses = await Promise.all(batch.map(exchange));
      for (const [i, status] of statuses.entries()) {
        const w = batch[i]!;
        tally[`${w.kind} ${status ?? 'none'}`] = (tally[`${w.kind} ${status ?? 'none'}`] ?? 0) + 1;
        expect(status === null || status < 500, `${w.kind} request answered ${status}`).toBe(true);
        if (w.kind === 'forged') expect(status, 'a tampered request was accepted').toBeGreaterThanOrEqual(400);
        if (w.kind === 'signed' && !w.abandon) expect(status, 'a correctly signed request was refused').toBe(200);
      }
    }),
    { numRuns: BATCHES },
  );

  // Every run came from a delivery whose body was sent correctly signed; none from anything else.
  const runs = h.store.sqlite.prepare(`SELECT d.body_sha256 AS sha FROM runs r JOIN deliveries d ON d.run_id = r.id`).all() as { sha: string }[];
  expect((h.store.sqlite.prepare('SELECT COUNT(*) AS n FROM runs').get() as { n: number }).n).toBe(runs.length);
  expect(runs.filter((r) => !signedBodies.has(r.sha))).toEqual([]);
  expect(runs.length).toBeGreaterThan(BATCHES);
  // Still answering, and every rejection it recorded says why.
  expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
  expect((h.store.sqlite.prepare("SELECT COUNT(*) AS n FROM deliveries WHERE status = 'rejected' AND (reason IS NULL OR reason = '')").get() as { n: number }).n).toBe(0);
  console.log('fuzz outcomes (kind status: count):', JSON.stringify(tally));
}, 120_000);
