/**
 * User-configured JSON paths are redacted before anything is written: in the ledger's record of a delivery and
 * in recorded JSON bodies; a path that is not valid is refused, naming where.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../preload/api';
import { dispatch } from '../console/dispatch';
import { redactionMarker } from '../ledger/redaction';
import { MemoryVault } from '../test-support/memory-vault';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let keel: Keel;
let dir: string;
const actor = { who: 'Dana', why: 'client emails are personal data' };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-redact-'));
  keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault: new MemoryVault(), env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
});
afterAll(async () => {
  await keel.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('redaction of configured JSON paths', () => {
  it('refuses a path that is not valid, naming where', async () => {
    const result = await dispatch(keel.handlers, 'setRedactionPaths', { paths: ['$.data[oops'], actor });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('position') } });
  });

  it('keeps the configured values out of the ledger, while the run still uses them', async () => {
    await dispatch(keel.handlers, 'setRedactionPaths', { paths: ['$.data.client.email', '$..emailAddress'], actor });
    const email = 'private.person@client-redaction.example';
    await keel.handlers.sendDemoContracts({ count: 1, plan: 'enterprise', email });
    for (let i = 0; i < 500; i++) {
      const runs = (await keel.handlers.listRuns({})) as RunSummary[];
      if (runs.length && runs.every((r) => r.status !== 'running')) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const runs = (await keel.handlers.listRuns({})) as RunSummary[];
    expect(runs[0]!.status).toBe('completed'); // the client was still invited and shared with: redaction is for the record

    const accepted = keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'delivery.accepted'").get() as { payload: string };
    expect(JSON.parse(accepted.payload).body.data.client.email).toBe(redactionMarker(email));
    const share = (keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'http.exchange' AND payload LIKE '%/permissions%'").get() as { payload: string });
    expect(JSON.parse(JSON.parse(share.payload).request.body.text).emailAddress).toBe(redactionMarker(email));
    const change = keel.store.sqlite.prepare("SELECT payload FROM ledger_entries WHERE kind = 'config.changed' AND payload LIKE '%redaction.paths%'").get() as { payload: string };
    expect(JSON.parse(change.payload)).toMatchObject({ after: ['$.data.client.email', '$..emailAddress'], who: 'Dana' });
  });
});
