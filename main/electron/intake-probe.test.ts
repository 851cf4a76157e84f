import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { intakeAnswers, type FetchLike } from './intake-probe';

const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

async function serve(handler: http.RequestListener): Promise<string> {
  const server = http.createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/`;
}

describe('whether the intake answers', () => {
  it('asks its /hooks/healthz and believes only {"ok":true}', async () => {
    const seen: string[] = [];
    const url = await serve((req, res) => {
      seen.push(req.url!);
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    });
    expect(await intakeAnswers(url)).toBe(true);
    expect(seen).toEqual(['/hooks/healthz']);
  });

  it('is false for an error, a wrong body, a refused connection or a timeout', async () => {
    const failing = await serve((_req, res) => res.writeHead(503).end('{"ok":true}'));
    expect(await intakeAnswers(failing)).toBe(false);
    const html = await serve((_req, res) => res.writeHead(200).end('<html>'));
    expect(await intakeAnswers(html)).toBe(false);
    expect(await intakeAnswers('http://127.0.0.1:9/hooks/')).toBe(false);
    const hanging: FetchLike = (_url, init) => new Promise((_resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
    expect(await intakeAnswers('http://127.0.0.1:1/hooks/', hanging, 20)).toBe(false);
  });
});
