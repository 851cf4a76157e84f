/**
 * The console API belongs to its owner: a page from another origin, in the same browser where the owner is
 * signed in, can neither read from it nor act through it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { startKeelProcess, type KeelProcess } from '../fixtures/keel-process';
import { ConsolePage } from '../pages/console-page';

let keel: KeelProcess;
let evil: http.Server;
let evilOrigin: string;

test.beforeEach(async () => {
  keel = await startKeelProcess();
  evil = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>elsewhere</title><p>a page on another origin</p>');
  });
  await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
  evilOrigin = `http://localhost:${(evil.address() as AddressInfo).port}`;
});

test.afterEach(async () => {
  await keel.stop();
  await new Promise((resolve) => evil.close(resolve));
});

test('a page on another origin cannot read the console API or act through it', async ({ page }) => {
  const console = new ConsolePage(page);
  await console.open(keel.consoleUrl); // the owner is signed in: the session cookie is in this browser
  const api = new URL(keel.consoleUrl).origin;

  await page.goto(evilOrigin);
  const attempts = await page.evaluate(async (base) => {
    const tryFetch = async (path: string, init: RequestInit) => {
      try {
        const res = await fetch(`${base}${path}`, { credentials: 'include', ...init });
        return `read ${res.status}: ${await res.text()}`;
      } catch (error) {
        return `blocked: ${(error as Error).name}`;
      }
    };
    return {
      read: await tryFetch('/api/call/listRuns', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }),
      act: await tryFetch('/api/call/sendDemoContracts', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"count":1}' }),
      events: await tryFetch('/api/events', { method: 'GET' }),
    };
  }, api);
  expect(attempts.read).toMatch(/^blocked/);
  expect(attempts.act).toMatch(/^blocked/);
  expect(attempts.events).toMatch(/^blocked/);

  // And the simple (no-preflight) POST it fired did nothing on the server: no run was started.
  const runs = await keel.cli(['runs', '--json']);
  expect(JSON.parse(runs.stdout)).toEqual([]);
});
