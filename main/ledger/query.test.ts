import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempStore } from '../test-support/temp-store';
import type { NewLedgerEntry } from './entry';
import { Ledger } from './ledger';
import { LEDGER_QUERY_INDEXES, LedgerQueries, LedgerQueryError, type LedgerEntrySummary, type LedgerPageRequest } from './query';

const T0 = Date.UTC(2026, 10, 1);
let store: ReturnType<typeof tempStore>;
let queries: LedgerQueries;

/** Three runs for two clients, shaped like the engine's entries: only some carry the client key. */
function runEntries(r: number, clientKey: string, failing: boolean): NewLedgerEntry[] {
  const runId = `run-${r}`;
  const at = (i: number) => T0 + r * 60_000 + i * 1_000;
  return [
    { kind: 'delivery.accepted', at: at(0), runId, endpointSlug: 'contracts', payload: { deliveryId: `d${r}` } },
    { kind: 'run.created', at: at(1), runId, clientKey, payload: { workflowId: 'client-onboarding' } },
    { kind: 'attempt.started', at: at(2), runId, stepId: 'stripe_customer', attemptId: `a${r}`, clientKey, connector: 'stripe', payload: { number: 1 } },
    // Recorded with the time the request started: earlier than the entry before it.
    { kind: 'http.exchange', at: at(2) - 500, runId, stepId: 'stripe_customer', attemptId: `a${r}`, connector: 'stripe', payload: { response: { status: failing ? 429 : 200 } } },
    { kind: 'attempt.finished', at: at(4), runId, stepId: 'stripe_customer', attemptId: `a${r}`, clientKey, payload: { status: failing ? 'failed' : 'succeeded' } },
    { kind: 'step.status', at: at(5), runId, stepId: 'stripe_customer', payload: { from: 'running', to: failing ? 'needs_attention' : 'succeeded' } },
    { kind: 'run.status', at: at(5), runId, clientKey, payload: { from: 'running', to: failing ? 'needs_attention' : 'completed' } },
  ];
}

beforeAll(() => {
  store = tempStore();
  for (const ddl of Object.values(LEDGER_QUERY_INDEXES)) store.sqlite.exec(ddl);
  const ledger = new Ledger(store.sqlite);
  const runs = [{ client: 'C-1', failing: false }, { client: 'C-2', failing: true }, { client: 'C-1', failing: false }];
  const insertRun = store.sqlite.prepare(`INSERT INTO runs (id, workflow_id, workflow_version, client_key, trigger, status, created_at, updated_at)
    VALUES (?, 'client-onboarding', 1, ?, '{}', 'completed', 0, 0)`);
  runs.forEach(({ client, failing }, r) => {
    insertRun.run(`run-${r}`, client);
    ledger.appendAll(runEntries(r, client, failing));
  });
  ledger.append({ kind: 'config.changed', at: T0 + 10 * 60_000, endpointSlug: 'contracts', payload: { change: 'endpoint.created' } });
  queries = new LedgerQueries(store.sqlite);
});
afterAll(() => store.cleanup());

/** Every entry matching the request, following cursors page by page. */
function all(request: LedgerPageRequest, limit = 2): LedgerEntrySummary[] {
  const out: LedgerEntrySummary[] = [];
  let cursor: string | null = null;
  do {
    const page = queries.page({ ...request, limit, cursor });
    out.push(...page.entries);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const seqs = (entries: LedgerEntrySummary[]) => entries.map((e) => e.seq);

describe('ledger queries', () => {
  it('pages newest first by time, through cursors, with nothing missed or repeated', () => {
    const entries = all({}, 1);
    expect(entries).toHaveLength(22);
    expect(new Set(seqs(entries)).size).toBe(22);
    const keys = entries.map((e) => [e.at, e.seq] as const);
    expect(keys).toEqual([...keys].sort((a, b) => b[0] - a[0] || b[1] - a[1]));
  });

  it('finds by run, connector, endpoint and kind', () => {
    expect(seqs(all({ runId: 'run-1' })).sort((a, b) => a - b)).toEqual([8, 9, 10, 11, 12, 13, 14]);
    expect(all({ connector: 'stripe' }).map((e) => e.kind).sort()).toEqual([...Array(3).fill('attempt.started'), ...Array(3).fill('http.exchange')]);
    expect(all({ endpointSlug: 'contracts' }).map((e) => e.kind)).toEqual(['config.changed', 'delivery.accepted', 'delivery.accepted', 'delivery.accepted']);
    expect(all({ kinds: ['run.status', 'config.changed'] })).toHaveLength(4);
  });

  it('finds a client\'s whole story, including entries that do not carry the client key', () => {
    const entries = all({ clientKey: 'C-1' });
    expect(entries).toHaveLength(14);
    expect(new Set(entries.map((e) => e.runId))).toEqual(new Set(['run-0', 'run-2']));
    expect(entries.some((e) => e.kind === 'http.exchange' && e.clientKey === null)).toBe(true);
  });

  it('finds by status across kinds: HTTP codes, classes, and states reached', () => {
    expect(all({ status: '429' }).map((e) => e.kind)).toEqual(['http.exchange']);
    expect(all({ status: '2xx' })).toHaveLength(2);
    expect(all({ status: 'needs_attention' }).map((e) => e.kind).sort()).toEqual(['run.status', 'step.status']);
    expect(all({ status: 'failed' }).map((e) => [e.kind, e.status])).toEqual([['attempt.finished', 'failed']]);
  });

  it('finds by time range, inclusive, combined with other filters', () => {
    const from = T0 + 60_000;
    const to = T0 + 60_000 + 2_000;
    expect(seqs(all({ from, to })).sort((a, b) => a - b)).toEqual([8, 9, 10, 11]);
    expect(seqs(all({ from, to, connector: 'stripe' })).sort()).toEqual([10, 11]);
    expect(all({ clientKey: 'C-1', from: T0 + 120_000 }).every((e) => e.runId === 'run-2')).toBe(true);
  });

  it('lists without payloads and returns one entry with its payload', () => {
    const [newest] = queries.page({ limit: 1 }).entries;
    expect(newest).toMatchObject({ kind: 'config.changed', payloadBytes: 29 });
    expect(newest).not.toHaveProperty('payload');
    expect(queries.entry(newest!.seq)).toMatchObject({ payload: '{"change":"endpoint.created"}', seq: newest!.seq });
    expect(queries.entry(999)).toBeNull();
  });

  it('searches text anywhere in an entry, any case, combined with the other filters', () => {
    expect(all({ text: 'ENDPOINT.CREATED' }).map((e) => e.kind)).toEqual(['config.changed']);
    expect(all({ text: 'needs_attention' }).map((e) => e.kind).sort()).toEqual(['run.status', 'step.status']);
    expect(all({ text: 'c-2' }).map((e) => e.kind).sort()).toEqual(['attempt.finished', 'attempt.started', 'run.created', 'run.status']); // the client key, where an entry carries it
    expect(all({ text: 'stripe_customer', kinds: ['step.status'] }).map((e) => e.runId).sort()).toEqual(['run-0', 'run-1', 'run-2']);
    expect(all({ text: 'succeeded', from: T0 + 120_000 }).map((e) => [e.runId, e.kind])).toEqual([['run-2', 'step.status'], ['run-2', 'attempt.finished']]);
    // LIKE's wildcards typed by a person are plain characters.
    expect(all({ text: 'run_0' })).toEqual([]);
    expect(all({ text: '%' })).toEqual([]);
  });

  it('reads a bounded stretch per page of a text search, and the cursors still find every match once', () => {
    const bounded = new LedgerQueries(store.sqlite, 3);
    const first = bounded.page({ text: 'delivery', limit: 10 });
    // The newest three entries hold no delivery: an empty page that says how far back it read, and goes on.
    expect(first.entries).toEqual([]);
    expect(first.searchedBackTo).toBe(T0 + 2 * 60_000 + 5_000);
    expect(first.nextCursor).not.toBeNull();
    const found: number[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = bounded.page({ text: 'delivery', limit: 10, cursor });
      found.push(...seqs(page.entries));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(found).toEqual(seqs(all({ kinds: ['delivery.accepted'] })));
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(22 / 3));
  });

  it('adds each payload when asked, for a view that shows it', () => {
    const [entry] = queries.page({ limit: 1, kinds: ['http.exchange'], withPayload: true }).entries;
    expect(JSON.parse(entry!.payload!)).toEqual({ response: { status: 200 } });
  });

  it('refuses a cursor it did not give out, and a page size out of range', () => {
    expect(() => queries.page({ cursor: 'not-a-cursor' })).toThrow(LedgerQueryError);
    expect(() => queries.page({ limit: 0 })).toThrow(/1 to 500/);
  });
});

describe('which index each query uses (EXPLAIN QUERY PLAN)', () => {
  const cases: [string, LedgerPageRequest, RegExp[]][] = [
    ['newest entries', {}, [/SCAN ledger_entries USING INDEX ledger_at/]],
    ['a run', { runId: 'run-1' }, [/USING INDEX ledger_run \(run_id=\?\)/]],
    ['a client', { clientKey: 'C-1' }, [/USING INDEX ledger_client \(client_key=\?\)/, /USING INDEX runs_client/, /USING INDEX ledger_run \(run_id=\?\)/]],
    ['a client and a kind', { clientKey: 'C-1', kinds: ['http.exchange'] }, [/USING INDEX ledger_client/]],
    ['a connector', { connector: 'stripe' }, [/USING INDEX ledger_connector \(connector=\?\)/]],
    ['a connector in a time range', { connector: 'stripe', from: T0, to: T0 + 1 }, [/USING INDEX ledger_connector \(connector=\? AND at>\? AND at<\?\)/]],
    ['an endpoint', { endpointSlug: 'contracts' }, [/USING INDEX ledger_endpoint \(endpoint_slug=\?\)/]],
    ['a kind', { kinds: ['run.status'] }, [/USING INDEX ledger_kind \(kind=\?\)/]],
    ['a status', { status: '429' }, [/USING INDEX ledger_status \(<expr>=\?\)/]],
    ['a status class', { status: '5xx' }, [/USING INDEX ledger_status \(<expr>>\? AND <expr><\?\)/]],
    ['a time range', { from: T0, to: T0 + 1 }, [/USING INDEX ledger_at \(at>\? AND at<\?\)/]],
    ['a later page', { cursor: 'eyJhdCI6MSwic2VxIjoyfQ' }, [/USING INDEX ledger_at \(at<\?\)/]],
  ];
  it.each(cases)('%s', (_, request, expected) => {
    const plan = queries.plan(request).join('\n');
    for (const pattern of expected) expect(plan).toMatch(pattern);
    // Never a walk over the whole table.
    expect(plan).not.toMatch(/SCAN ledger_entries$/m);
  });
});
