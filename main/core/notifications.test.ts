/**
 * A run that cannot heal is announced once: a console event for the desktop notification and one Slack alert in
 * the workflow's alert channel — and an operator's retry from the console brings it home.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleEvents, RunDetail, RunSummary } from '../../preload/api';
import { MemoryVault } from '../test-support/memory-vault';
import { startKeel, type Keel } from './keel';
import { silentLogger } from './logger';

let keel: Keel | undefined;
let dir: string;
afterEach(async () => {
  await keel?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function until<T>(probe: () => T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('needs-attention notifications', () => {
  it('announces a stuck run once, alerts #ops-alerts once, and the run completes after an operator retry', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-notify-'));
    keel = await startKeel({ dataDir: dir, shell: 'headless', logger: silentLogger, vault: new MemoryVault(), env: { KEEL_SANDBOX_LATENCY_MS: '0' } });
    const slack = keel.providers.sandbox!.slack.fake;
    slack.inject({ path: '/api/conversations.create' }, { kind: 'platform-error', error: 'restricted_action' });
    const announced: ConsoleEvents['run.needsAttention'][] = [];
    keel.events.subscribe((event, payload) => {
      if (event === 'run.needsAttention') announced.push(payload as ConsoleEvents['run.needsAttention']);
    });

    await keel.handlers.sendDemoContracts({ count: 1, plan: 'standard' });
    const stuck = () => (keel!.handlers.listRuns({ status: 'needs_attention' }) as RunSummary[])[0];
    const run = await until(stuck);
    const alerts = () => slack.messages().filter((m) => m.text?.includes('needs attention'));
    await until(() => alerts().length === 1 && announced.length === 1);

    expect(announced[0]!.run.id).toBe(run.id);
    expect(announced[0]!.reason).toContain('restricted_action');
    expect(alerts()[0]!.text).toContain(run.clientKey!);

    await keel.handlers.retryStep({ runId: run.id, stepId: 'slack_channel', actor: { who: 'Dana', why: 'Slack admin lifted the restriction' } });
    await until(() => (keel!.handlers.getRun({ runId: run.id }) as RunDetail).run.status === 'completed');
    await new Promise((r) => setTimeout(r, 100));
    expect(alerts()).toHaveLength(1);
    expect(announced).toHaveLength(1);
    const sent = keel.store.sqlite.prepare("SELECT COUNT(*) AS n FROM ledger_entries WHERE kind = 'notification.sent'").get() as { n: number };
    expect(sent.n).toBe(1);
  });
});
