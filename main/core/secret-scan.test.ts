/**
 * Nothing secret anywhere else: distinctive secrets are planted in every credential and in the endpoint's
 * signing secret (all in the real OS keychain), the onboarding workflow runs against provider fakes that fail a
 * fifth of the time (so there are retries), the ledger is exported in every format, and then the SQLite file,
 * its WAL, the logs, every console API answer and every export are searched: no secret, in any encoding.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../preload/api';
import { exportLedger } from '../ledger/export';
import { startSandbox, type Sandbox } from '../sandbox';
import { ConsoleServer } from '../server/console-server';
import { KeychainVault } from '../vault/vault';
import { startKeel, type Keel } from './keel';
import { createLogger } from './logger';

const SECRETS = {
  stripe: 'sk_test_PLANTEDstripe7Q2xW9vB4nM1kL8',
  asana: '2/1200000000000009/PLANTEDasana:3f9a8b7c6d5e4f3a2b1c',
  slack: 'xoxb-PLANTED-slack-5550001-Zq8Wm3Kx',
  google: 'ya29.PLANTEDgoogle-Tk4nR7pW2sV9yX1z',
  signing: `whsec_${Buffer.from('PLANTED-signing-secret-0123456789').toString('base64')}`,
};

let provider: Sandbox;
let keel: Keel;
let dir: string;
const service = `keel-scan-${randomUUID()}`;
const vault = new KeychainVault({ service, env: {} });
const artifacts: { where: string; text: string }[] = [];
const echoed: string[] = [];

function encodings(secret: string): string[] {
  return [secret, Buffer.from(secret).toString('base64'), encodeURIComponent(secret), secret.slice(6)].filter((s) => s.length >= 12);
}

beforeAll(async () => {
  provider = await startSandbox({
    latencyMs: 1, seed: 7, transientFailureRate: 0.2, transientRetryAfterSeconds: 0,
    stripe: { apiKey: SECRETS.stripe }, asana: { token: SECRETS.asana }, slack: { token: SECRETS.slack }, drive: { token: SECRETS.google },
  });
  provider.slack.fake.addChannel({ name: 'ops-alerts' });
  for (const [name, value] of Object.entries({ stripe: SECRETS.stripe, asana: SECRETS.asana, slack: SECRETS.slack, google: SECRETS.google, 'endpoint.contracts.signing': SECRETS.signing })) {
    await vault.set(name, value);
  }
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-scan-'));
  keel = await startKeel({
    dataDir: dir, shell: 'headless', vault, logger: createLogger(path.join(dir, 'logs'), (line) => echoed.push(line)),
    env: {
      KEEL_STRIPE_API_BASE: provider.providers.stripe.apiBase, KEEL_ASANA_API_BASE: provider.providers.asana.apiBase,
      KEEL_SLACK_API_BASE: provider.providers.slack.apiBase, KEEL_GOOGLE_API_BASE: provider.providers.drive.apiBase, KEEL_RATE_LIMITS: 'off',
    },
  });
}, 30_000);

afterAll(async () => {
  await keel?.stop();
  await provider.close();
  for (const name of ['stripe', 'asana', 'slack', 'google', 'endpoint.contracts.signing']) await vault.delete(name).catch(() => {});
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('secrets stay in the keychain', () => {
  it('runs the onboarding with failures and retries, on the real providers\' fakes', async () => {
    expect(keel.providers.sandboxed).toEqual([]);
    const sent = await keel.handlers.sendDemoContracts({ count: 6 });
    expect((sent as { deliveries: { status: number }[] }).deliveries.every((d) => d.status === 200)).toBe(true);
    // A delivery with a bad signature is rejected (and recorded) too.
    await fetch(`${keel.info.intakeUrl}contracts`, { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': 'x', 'webhook-timestamp': String(Math.floor(Date.now() / 1000)), 'webhook-signature': 'v1,AAAA' }, body: '{}' });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const runs = (await keel.handlers.listRuns({})) as RunSummary[];
      if (runs.length === 6 && runs.every((r) => r.status !== 'running')) break;
      if (Date.now() > deadline) throw new Error(`runs did not settle: ${JSON.stringify(runs.map((r) => r.status))}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    const retried = keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM step_attempts WHERE status = 'failed'").get() as { n: number };
    expect(retried.n).toBeGreaterThan(0);
  }, 120_000);

  it('leaves no secret in the database, its WAL, the logs, the console API or any export', async () => {
    // The WAL as it is while Keel runs, before any checkpoint folds it away.
    const wal = path.join(dir, 'keel.db-wal');
    if (fs.existsSync(wal)) artifacts.push({ where: 'keel.db-wal', text: fs.readFileSync(wal).toString('latin1') });

    const server = new ConsoleServer({ handlers: keel.handlers, events: keel.events, rendererRoot: dir });
    const url = new URL(await server.listen());
    const api = async (name: string, input: unknown = {}) => {
      const res = await fetch(`${url.origin}/api/call/${name}`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
      const text = await res.text();
      artifacts.push({ where: `console ${name}`, text });
      return JSON.parse(text).value;
    };
    try {
      const runs = (await api('listRuns')) as RunSummary[];
      for (const run of runs) {
        await api('getRun', { runId: run.id });
        await api('listExchanges', { runId: run.id });
        await api('listLedger', { runId: run.id, limit: 1000 });
      }
      for (const call of ['getAppInfo', 'listLedger', 'listEndpoints', 'listConnections', 'listDeliveries', 'listAttention', 'listWorkflows']) await api(call);
      await api('getWorkflow', { workflowId: 'client-onboarding' });
    } finally {
      await server.close();
    }

    for (const format of ['csv', 'xlsx', 'pdf'] as const) {
      const output = path.join(dir, `ledger.${format}`);
      await exportLedger({ database: keel.store.file, format, output, filters: {}, who: 'scan' });
      if (format === 'csv') artifacts.push({ where: 'export.csv', text: fs.readFileSync(output, 'utf8') });
      if (format === 'xlsx') {
        const book = new ExcelJS.Workbook();
        await book.xlsx.readFile(output);
        const cells: string[] = [];
        book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.text)))));
        expect(cells.length).toBeGreaterThan(100);
        artifacts.push({ where: 'export.xlsx', text: cells.join('\n') });
      }
      if (format === 'pdf') artifacts.push({ where: 'export.pdf', text: execFileSync('pdftotext', [output, '-'], { encoding: 'utf8' }) });
    }

    await keel.stop();
    artifacts.push({ where: 'keel.db', text: fs.readFileSync(path.join(dir, 'keel.db')).toString('latin1') });
    for (const file of fs.readdirSync(path.join(dir, 'logs'))) artifacts.push({ where: `logs/${file}`, text: fs.readFileSync(path.join(dir, 'logs', file), 'utf8') });
    artifacts.push({ where: 'stderr', text: echoed.join('\n') });

    // The search itself is meaningful: the database holds the records these secrets were used for.
    expect(artifacts.find((a) => a.where === 'keel.db')!.text).toContain('http.exchange');
    expect(artifacts.find((a) => a.where === 'export.csv')!.text).toContain('/v1/customers');
    const found = artifacts.flatMap((a) => Object.entries(SECRETS).flatMap(([name, secret]) =>
      encodings(secret).filter((e) => a.text.includes(e)).map(() => `${name} in ${a.where}`)));
    expect(found).toEqual([]);
  }, 120_000);
});
