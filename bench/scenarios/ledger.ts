/** Ledger append throughput in batched transactions, and chain verification speed, on a real file. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDb } from '../../db';
import { Ledger } from '../../main/ledger/ledger';
import { verifyChain } from '../../main/ledger/verify';
import { round, rssSampler } from '../measure';

const ENTRIES = Number(process.env.BENCH_LEDGER_ENTRIES ?? 200_000);
const BATCH = 1_000;

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-bench-ledger-'));
const store = openDb(path.join(dir, 'keel.db'), { durability: 'full' });
const ledger = new Ledger(store.sqlite);
const rss = rssSampler();
// A typical http.exchange-sized payload.
const payload = (i: number) => ({
  durationMs: 21.3, idempotencyKey: `keel-run-${i}-step-g0`,
  request: { method: 'POST', url: 'https://api.stripe.com/v1/customers', headers: { authorization: 'Bearer [redacted:1a2b3c4d]', 'content-type': 'application/x-www-form-urlencoded' }, body: { text: `name=Client+${i}&email=c${i}%40example.com`, encoding: 'utf8', bytes: 48, truncated: false } },
  response: { status: 200, headers: { 'request-id': `req_${i}` }, body: { text: `{"id":"cus_${i}","object":"customer"}`, encoding: 'utf8', bytes: 36, truncated: false } },
});

let t0 = performance.now();
for (let i = 0; i < ENTRIES; i += BATCH) {
  ledger.appendAll(Array.from({ length: BATCH }, (_, j) => ({ kind: 'http.exchange' as const, runId: `run-${i + j}`, connector: 'stripe', payload: payload(i + j) })));
}
const appendSeconds = (performance.now() - t0) / 1000;

t0 = performance.now();
const verdict = verifyChain(store.sqlite);
const verifySeconds = (performance.now() - t0) / 1000;
rss.stop();
store.close();
fs.rmSync(dir, { recursive: true, force: true });
if (!verdict.intact) throw new Error('the chain did not verify');

console.log(JSON.stringify({
  scenario: 'ledger',
  settings: { entries: ENTRIES, batch: BATCH, durability: 'full (synchronous=FULL, WAL)', payload: 'http.exchange, ~700 bytes' },
  append: { entriesPerSecond: round(ENTRIES / appendSeconds, 0), seconds: round(appendSeconds) },
  verify: { entriesPerSecond: round(ENTRIES / verifySeconds, 0), seconds: round(verifySeconds) },
  peakRssMb: rss.peakMb(),
}));
