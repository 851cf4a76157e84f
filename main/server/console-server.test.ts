import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConsoleHandlers } from '../console/dispatch';
import { ConsoleEventHub } from '../console/events';
import { ConsoleServer } from './console-server';

let server: ConsoleServer;
let url: URL;
let origin: string;
let renderer: string;
const events = new ConsoleEventHub();

const handlers = {
  getAppInfo: () => ({ version: 't', shell: 'headless', dataDir: '/d', sandbox: true, intakeUrl: 'http://x/hooks/', startedAt: 1 }),
  listRuns: ({ status }: { status?: string }) => (status === 'completed' ? [] : [{ id: 'r1' }]),
} as unknown as ConsoleHandlers;

beforeEach(async () => {
  renderer = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-renderer-'));
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>Keel</title>');
  server = new ConsoleServer({ handlers, events, rendererRoot: renderer });
  url = new URL(await server.listen());
  origin = url.origin;
});

afterEach(async () => {
  await server.close();
  fs.rmSync(renderer, { recursive: true, force: true });
});

const call = (name: string, init: RequestInit = {}) =>
  fetch(`${origin}/api/call/${name}`, { method: 'POST', body: '{}', ...init, headers: { 'content-type': 'application/json', ...init.headers } });

describe('the headless console API belongs to its owner', () => {
  it('listens on 127.0.0.1 only, with a long random token in the printed URL', () => {
    expect(url.hostname).toBe('127.0.0.1');
    expect(url.searchParams.get('token')).toMatch(/^[A-Za-z0-9_-]{40,}$/);
  });

  it('refuses calls without the token, or with a wrong one', async () => {
    expect((await call('listRuns')).status).toBe(401);
    expect((await call('listRuns', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('answers calls with the token as a bearer, as Results', async () => {
    const res = await call('listRuns', { headers: { authorization: `Bearer ${server.token}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, value: [{ id: 'r1' }] });
  });

  it('validates input against the contract and names the field', async () => {
    const res = await call('listRuns', { headers: { authorization: `Bearer ${server.token}` }, body: JSON.stringify({ status: 'bogus' }) });
    const result = await res.json();
    expect(result.ok).toBe(false);
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toContain('status');
  });

  it('swaps the one-time URL for an HttpOnly SameSite=Strict cookie that then works', async () => {
    const res = await fetch(url, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const ok = await call('listRuns', { headers: { cookie: cookie.split(';')[0]!, origin } });
    expect(ok.status).toBe(200);
  });

  it('refuses a foreign Host (DNS rebinding) with 421', async () => {
    const { request } = await import('node:http');
    const status = await new Promise<number>((resolve) => {
      request({ host: '127.0.0.1', port: url.port, path: '/api/call/listRuns', method: 'POST', headers: { host: `evil.example:${url.port}`, authorization: `Bearer ${server.token}` } }, (res) => resolve(res.statusCode!)).end('{}');
    });
    expect(status).toBe(421);
  });

  it('refuses a cross-origin POST even with the cookie (CSRF)', async () => {
    const res = await call('listRuns', { headers: { authorization: `Bearer ${server.token}`, origin: 'https://evil.example' } });
    expect(res.status).toBe(403);
  });

  it('serves the console page with a strict Content-Security-Policy', async () => {
    const res = await fetch(`${origin}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('never serves files outside the renderer folder', async () => {
    const { request } = await import('node:http');
    for (const target of ['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      const body = await new Promise<string>((resolve) => {
        request({ host: '127.0.0.1', port: url.port, path: target, headers: { host: `127.0.0.1:${url.port}` } }, (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve(text));
        }).end();
      });
      expect(body, target).not.toContain('root:');
    }
  });

  it('streams console events to an authenticated client', async () => {
    const controller = new AbortController();
    const res = await fetch(`${origin}/api/events`, { headers: { authorization: `Bearer ${server.token}` }, signal: controller.signal });
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const reader = res.body!.getReader();
    await reader.read(); // the preamble
    events.emit('run.changed', { id: 'r9' } as never);
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toBe('event: run.changed\ndata: {"id":"r9"}\n\n');
    controller.abort();
  });

  it('slows down a token guesser', async () => {
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await call('listRuns', { headers: { authorization: `Bearer guess${i}` } })).status;
    expect(last).toBe(429);
  });
});

describe('ledger export downloads', () => {
  it('serves only Keel\'s own export files, to an authenticated client', async () => {
    const exports = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-exports-'));
    fs.writeFileSync(path.join(exports, 'keel-ledger-2026-11-26T00-00-00-000Z.csv'), 'seq,at\r\n1,x\r\n');
    const withExports = new ConsoleServer({ handlers, events, rendererRoot: renderer, exportsDir: exports });
    const base = new URL(await withExports.listen()).origin;
    try {
      const auth = { authorization: `Bearer ${withExports.token}` };
      const ok = await fetch(`${base}/api/exports/keel-ledger-2026-11-26T00-00-00-000Z.csv`, { headers: auth });
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-disposition')).toContain('attachment');
      expect(await ok.text()).toBe('seq,at\r\n1,x\r\n');
      expect((await fetch(`${base}/api/exports/keel-ledger-2026-11-26T00-00-00-000Z.csv`)).status).toBe(401);
      expect((await fetch(`${base}/api/exports/..%2Fkeel.db`, { headers: auth })).status).toBe(404);
      expect((await fetch(`${base}/api/exports/keel-ledger-missing.pdf`, { headers: auth })).status).toBe(404);
    } finally {
      await withExports.close();
      fs.rmSync(exports, { recursive: true, force: true });
    }
  });
});
