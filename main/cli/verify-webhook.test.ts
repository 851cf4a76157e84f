/**
 * `keel verify-webhook`: one line saying accepted (with the delivery id) or rejected (with the reason), exit
 * 0 or 1; bad usage is a UsageError naming the problem (exit 2). The last test runs the real entry point.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signedRequest } from '../intake/verifiers/signers';
import { UsageError } from './command';
import { verifyWebhookCommand } from './verify-webhook';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-verify-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const NOW = 1_760_000_000;
const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const BODY = JSON.stringify({ id: 'evt_123', type: 'customer.created' });
const bodyFile = path.join(dir, 'body.json');
fs.writeFileSync(bodyFile, BODY);

function headersOf(provider: string, options: { secret?: string; url?: string; settings?: Record<string, unknown> } = {}): string[] {
  const r = signedRequest(provider, { secret: options.secret ?? SECRET, body: BODY, nowSeconds: NOW, url: options.url ?? 'https://keel.example/hooks/test', ...(options.settings && { settings: { provider, ...options.settings } }) });
  return Object.entries(r.headers).map(([name, value]) => `${name}: ${value}`);
}

async function run(options: Record<string, string | string[] | undefined>) {
  const lines: string[] = [];
  const code = await verifyWebhookCommand.run({ dataDir: dir, options, args: [], print: (line) => lines.push(line) });
  return { code, lines };
}

describe('keel verify-webhook', () => {
  it('accepts a correctly signed delivery, naming the delivery id', async () => {
    const { code, lines } = await run({ provider: 'stripe', secret: [SECRET], header: headersOf('stripe'), 'body-file': bodyFile, now: String(NOW + 10) });
    expect(code).toBe(0);
    expect(lines).toEqual(['accepted: the stripe signature is valid; delivery id evt_123']);
  });

  it('tries every --secret, as the intake does during a rotation', async () => {
    const { code } = await run({ provider: 'typeform', secret: ['an-old-secret', SECRET], header: headersOf('typeform'), 'body-file': bodyFile });
    expect(code).toBe(0);
  });

  it.each([
    ['another secret', { secret: ['whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD'] }, 'signature does not match'],
    ['a stale timestamp', { now: String(NOW + 3600) }, 'signed timestamp is 3600 s old (tolerance 300 s)'],
    ['a content type the provider never sends', { header: [...headersOf('standard-webhooks').filter((h) => !h.startsWith('content-type')), 'Content-Type: text/plain'] }, 'content type is "text/plain"'],
    ['another method', { method: 'get' }, 'POST, not GET'],
  ])('rejects %s with one line giving the reason', async (_name, change, reason) => {
    const { code, lines } = await run({ provider: 'standard-webhooks', secret: [SECRET], header: headersOf('standard-webhooks'), 'body-file': bodyFile, now: String(NOW), ...change });
    expect(code).toBe(1);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^rejected: /);
    expect(lines[0]).toContain(reason);
  });

  it('checks schemes that sign the URL against --url, and the generic hmac against --setting', async () => {
    const url = 'https://abc.ngrok.app/hooks/crm?portal=7';
    expect((await run({ provider: 'hubspot', secret: [SECRET], url, header: headersOf('hubspot', { url }), 'body-file': bodyFile, now: String(NOW) })).code).toBe(0);
    expect((await run({ provider: 'hubspot', secret: [SECRET], url: 'https://elsewhere.example/hooks/crm', header: headersOf('hubspot', { url }), 'body-file': bodyFile, now: String(NOW) })).lines[0])
      .toContain('taken to be https://elsewhere.example/hooks/crm');
    const settings = { header: 'X-Sig', algorithm: 'sha512', encoding: 'base64', template: '{timestamp}.{body}', timestampHeader: 'X-Ts', deliveryIdField: 'id' };
    const result = await run({
      provider: 'hmac', secret: [SECRET], header: headersOf('hmac', { settings }), 'body-file': bodyFile, now: String(NOW),
      setting: Object.entries(settings).map(([k, v]) => `${k}=${v}`),
    });
    expect(result).toEqual({ code: 0, lines: ['accepted: the hmac signature is valid; delivery id evt_123'] });
  });

  it.each([
    [{}, '--provider is required'],
    [{ provider: 'docusing' }, 'not one Keel knows'],
    [{ provider: 'github' }, '--secret is required for github'],
    [{ provider: 'github', secret: ['s'] }, '--body-file is required'],
    [{ provider: 'github', secret: ['s'], 'body-file': path.join(dir, 'missing.json') }, 'cannot read'],
    [{ provider: 'github', secret: ['s'], 'body-file': bodyFile, header: ['no colon here'] }, "--header must look like 'Name: value'"],
    [{ provider: 'github', secret: ['s'], 'body-file': bodyFile, now: 'yesterday' }, '--now must be a whole number'],
    [{ provider: 'github', secret: ['s'], 'body-file': bodyFile, url: 'not a url' }, '--url must be a path'],
    [{ provider: 'hmac', secret: ['s'], 'body-file': bodyFile, setting: ['header=X-Sig', 'timestampHeader=X-Ts'] }, 'unsigned timestamp proves nothing'],
  ])('refuses bad usage %j with a UsageError naming the problem', async (options, words) => {
    const failure = run(options as Record<string, string | string[]>);
    await expect(failure).rejects.toBeInstanceOf(UsageError);
    await expect(failure).rejects.toThrow(words);
  });

  it('exits 0, 1 and 2 from the real entry point', () => {
    const cli = (args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.resolve('main/cli/index.ts'), 'verify-webhook', ...args], { encoding: 'utf8', timeout: 60_000 });
    const base = ['--provider', 'github', '--secret', SECRET, '--body-file', bodyFile, ...headersOf('github').flatMap((h) => ['--header', h])];
    const accepted = cli(base);
    expect([accepted.status, accepted.stdout.trim()]).toEqual([0, 'accepted: the github signature is valid; delivery id d3b1c0de-0000-4000-8000-000000000001']);
    const rejected = cli([...base, '--secret', 'x'].map((a) => (a === SECRET ? 'wrong' : a)));
    expect([rejected.status, rejected.stdout.trim()]).toEqual([1, expect.stringMatching(/^rejected: the signature does not match/)]);
    const usage = cli(['--provider', 'nope']);
    expect([usage.status, usage.stderr.trim()]).toEqual([2, expect.stringContaining('--provider "nope" is not one Keel knows')]);
  }, 60_000);
});
