/**
 * Never loses what it acknowledged: Keel in a child process takes deliveries from concurrent senders and is
 * killed with SIGKILL in the middle of the load. After a restart, every delivery that got a 2xx is on disk,
 * has its run, and the run completes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../../db';
import { startKeelChild } from '../test-support/keel-child-process';
import { startLatencyServer, type LatencyServer } from '../test-support/latency-server';

let server: LatencyServer;
let dataDir: string;
beforeAll(async () => {
  server = await startLatencyServer(5);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-intake-kill-'));
});
afterAll(async () => {
  await server.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

function startChild() {
  return startKeelChild(dataDir, { KEEL_TEST_LIGHT_URL: `${server.url}/effect`, KEEL_KEYCHAIN_SERVICE: 'keel-intake-kill-test' });
}

describe('kill -9 during webhook load', () => {
  it('keeps every acknowledged delivery, and runs each once', async () => {
    const { child, intake } = await startChild();
    const acknowledged = new Set<number>();
    let next = 0;
    let dead = false;
    const sender = async () => {
      while (!dead) {
        const n = next++;
        const ok = await fetch(`${intake}light`, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `d-${n}` }, body: JSON.stringify({ n }) })
          .then((r) => r.status === 200, () => false);
        if (ok) acknowledged.add(n);
      }
    };
    const senders = Array.from({ length: 16 }, sender);
    await new Promise((r) => setTimeout(r, 1_500));
    child.kill('SIGKILL');
    dead = true;
    await Promise.all(senders);
    await new Promise((r) => child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r));
    expect(acknowledged.size).toBeGreaterThan(50);

    const restarted = await startChild();
    const store = openDb(path.join(dataDir, 'keel.db'));
    try {
      const accepted = new Set((store.sqlite.prepare("SELECT provider_delivery_id AS id FROM deliveries WHERE endpoint_slug = 'light' AND status = 'accepted'").all() as { id: string }[]).map((r) => r.id));
      const lost = [...acknowledged].filter((n) => !accepted.has(`d-${n}`));
      expect(lost).toEqual([]);
      const deadline = Date.now() + 60_000;
      for (;;) {
        const open = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE workflow_id = 'light' AND status != 'completed'").get() as { n: number }).n;
        if (open === 0) break;
        if (Date.now() > deadline) throw new Error(`${open} runs did not complete after the restart`);
        await new Promise((r) => setTimeout(r, 50));
      }
      const runs = (store.sqlite.prepare("SELECT COUNT(*) AS n FROM runs WHERE workflow_id = 'light'").get() as { n: number }).n;
      expect(runs).toBe(accepted.size);
      // Each run's call reached the server under its own key; a re-sent one keeps its key.
      expect(server.received.size).toBe(runs);
      console.log(`intake kill test: ${acknowledged.size} acknowledged before the kill, ${accepted.size} stored, ${runs} runs completed`);
    } finally {
      store.close();
      restarted.child.kill('SIGKILL');
    }
  }, 120_000);
});
