/**
 * The far side of the plain workload, in a process of its own: the 20 ms HTTP server the steps call and the
 * webhook senders. In use neither runs inside Keel (providers and webhook senders are other machines), so
 * the benchmark keeps their CPU and memory out of Keel's figures. Driven by the scenario over IPC.
 *
 * Times are wall-clock epoch milliseconds with sub-millisecond precision, comparable across processes.
 */
import Stripe from 'stripe';
import { startLatencyServer } from '../../main/test-support/latency-server';
import { epochNow, pool } from '../measure';

export type LoadCommand =
  | { cmd: 'one'; url: string; i: number }
  | { cmd: 'burst'; url: string; from: number; count: number; senders: number }
  /** Stripe-signed events (signed here, as Stripe would), answered latencies kept. */
  | { cmd: 'stripe-burst'; url: string; from: number; count: number; senders: number; secret: string }
  /**
   * Like a provider: every webhook is re-sent (after 50 ms) until it is acknowledged, so a Keel that is killed
   * and restarted gets them all. Says `progress` once `notifyAt` are acknowledged.
   */
  | { cmd: 'persistent-burst'; url: string; from: number; count: number; senders: number; notifyAt: number }
  | { cmd: 'doubled' }
  | { cmd: 'exit' };

export type LoadReply =
  | { type: 'ready'; serverUrl: string; providers?: Record<string, { apiBase: string; credential: string }> }
  | { type: 'sent'; runId: string; sentAt: number }
  | { type: 'burst'; runIds: string[]; startedAt: number }
  | { type: 'stripe-burst'; latenciesMs: number[]; refused: number; startedAt: number; finishedAt: number }
  | { type: 'progress'; acknowledged: number }
  | { type: 'persistent-burst'; acknowledged: number; resent: number; startedAt: number; finishedAt: number }
  | { type: 'doubled'; doubled: number; received: number; keys: string[] };

const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 20);

const stripeWebhooks = new Stripe('sk_test_bench').webhooks;
const reply = (message: LoadReply) => process.send!(message);
const server = await startLatencyServer(LATENCY_MS);

async function send(url: string, i: number): Promise<string> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': `hook-${i}` }, body: JSON.stringify({ order: i }) });
  const answer = (await res.json()) as { runId: string };
  if (res.status !== 200) throw new Error(`intake answered ${res.status}`);
  return answer.runId;
}

process.on('message', (message: LoadCommand) => {
  void (async () => {
    if (message.cmd === 'one') {
      const sentAt = epochNow();
      reply({ type: 'sent', runId: await send(message.url, message.i), sentAt });
    } else if (message.cmd === 'burst') {
      const runIds: string[] = [];
      const startedAt = epochNow();
      await pool(message.count, message.senders, async (k) => {
        runIds.push(await send(message.url, message.from + k));
      });
      reply({ type: 'burst', runIds, startedAt });
    } else if (message.cmd === 'stripe-burst') {
      const { secret, url } = message;
      const latenciesMs: number[] = [];
      let refused = 0;
      const startedAt = epochNow();
      await pool(message.count, message.senders, async (k) => {
        const i = message.from + k;
        const body = JSON.stringify({ id: `evt_bench_${i}`, object: 'event', type: 'customer.created', data: { object: { id: `cus_${i}` } } });
        const header = stripeWebhooks.generateTestHeaderString({ payload: body, secret });
        const t0 = performance.now();
        const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body });
        await res.arrayBuffer();
        latenciesMs.push(performance.now() - t0);
        if (res.status !== 200) refused++;
      });
      reply({ type: 'stripe-burst', latenciesMs, refused, startedAt, finishedAt: epochNow() });
    } else if (message.cmd === 'persistent-burst') {
      let acknowledged = 0;
      let resent = 0;
      const startedAt = epochNow();
      await pool(message.count, message.senders, async (k) => {
        for (;;) {
          try {
            await send(message.url, message.from + k);
            break;
          } catch {
            resent++;
            await new Promise((resolve) => setTimeout(resolve, 50));
          }
        }
        if (++acknowledged === message.notifyAt) reply({ type: 'progress', acknowledged });
      });
      reply({ type: 'persistent-burst', acknowledged, resent, startedAt, finishedAt: epochNow() });
    } else if (message.cmd === 'doubled') {
      const counts = [...server.received.values()];
      reply({ type: 'doubled', doubled: counts.filter((n) => n > 1).length, received: counts.length, keys: [...server.received.keys()] });
    } else {
      await server.close();
      process.exit(0);
    }
  })().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
});
reply({ type: 'ready', serverUrl: server.url });
