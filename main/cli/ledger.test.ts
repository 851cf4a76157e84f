/**
 * `keel ledger verify` and `keel ledger export` over a ledger the real system made: Keel starts on the
 * sandbox, runs the onboarding workflow (with a Stripe subscription step, so money crosses the wire) for two
 * contracts, and stays running while every command below reads its store.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import canonicalize from 'canonicalize';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKeel, type Keel } from '../core/keel';
import { silentLogger } from '../core/logger';
import { appFile } from '../core/paths';
import { entryHash, type LedgerRow } from '../ledger/entry';
import { EXPORT_COLUMNS } from '../ledger/export-columns';
import { readCsv } from '../ledger/testing/rfc4180';
import { MemoryVault } from '../test-support/memory-vault';
import { UsageError } from './command';
import { ledgerCommand } from './ledger';

const run = promisify(execFile);
let keel: Keel;
let dir: string;
let dataDir: string;

async function keelLedger(...argv: string[]): Promise<{ code: number; out: string }> {
  const lines: string[] = [];
  const [action, ...rest] = argv;
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < rest.length; i++) {
    const name = rest[i]!.replace(/^-+/, '');
    if (name === 'json') options.json = true;
    else options[name === 'o' ? 'output' : name] = rest[++i]!;
  }
  const code = await ledgerCommand.run({ dataDir, options, args: action ? [action] : [], print: (l) => lines.push(l) });
  return { code, out: lines.join('\n') };
}

const lastEntry = () => keel.store.sqlite.prepare('SELECT seq, kind, payload FROM ledger_entries ORDER BY seq DESC LIMIT 1').get() as { seq: number; kind: string; payload: string };
/** A consistent copy of the running Keel's store, with the append-only triggers dropped. */
function tamperableCopy(name: string): string {
  const copy = path.join(dir, name);
  fs.mkdirSync(copy);
  keel.store.sqlite.exec(`VACUUM INTO '${path.join(copy, 'keel.db')}'`);
  const db = new Database(path.join(copy, 'keel.db'));
  db.exec('DROP TRIGGER ledger_entries_no_update');
  db.close();
  return copy;
}

const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

function csvRecords(file: string): Record<string, string>[] {
  const [header, ...rows] = readCsv(fs.readFileSync(file, 'utf8'));
  expect(header).toEqual([...EXPORT_COLUMNS]);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-ledger-cli-'));
  dataDir = path.join(dir, 'data');
  keel = await startKeel({ dataDir, shell: 'headless', logger: silentLogger, vault: new MemoryVault(), env: { ...process.env, KEEL_SANDBOX_LATENCY_MS: '2' } });
  const sample = JSON.parse(fs.readFileSync(appFile(path.join('resources', 'workflows', 'client-onboarding.json')), 'utf8')) as { steps: unknown[] };
  sample.steps.push({
    id: 'stripe_subscription', name: 'Stripe subscription', action: 'stripe.createSubscription', needs: ['stripe_customer'],
    input: { customer: '{{ steps.stripe_customer.output.id }}', price: 'price_keel_{{ trigger.data.plan }}_monthly' },
  });
  keel.workflows.publish(sample, 'onboarding with billing (ledger export test)');
  await keel.handlers.sendDemoContracts({ count: 2 }); // one standard, one enterprise
  for (const deadline = Date.now() + 25_000; ; await new Promise((r) => setTimeout(r, 25))) {
    const runs = await keel.handlers.listRuns({});
    if (runs.length === 2 && runs.every((r) => r.status !== 'running')) break;
    if (Date.now() > deadline) throw new Error(`the runs did not finish: ${JSON.stringify(runs)}`);
  }
}, 40_000);
afterAll(async () => {
  await keel?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('keel ledger verify', () => {
  it('walks the chain of the running Keel and names its head', async () => {
    const head = lastEntry();
    const { code, out } = await keelLedger('verify');
    expect(code).toBe(0);
    expect(out).toContain(`Ledger intact: ${head.seq} entries checked.`);
    const json = JSON.parse((await keelLedger('verify', '--json')).out);
    expect(json).toMatchObject({ intact: true, checked: head.seq, headSeq: head.seq });
    expect(json.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('exits 1 naming the first entry that does not match, as a real process', async () => {
    const copy = tamperableCopy('tampered');
    const db = new Database(path.join(copy, 'keel.db'));
    db.prepare("UPDATE ledger_entries SET payload = payload || ' ' WHERE seq = 3").run(); // one invisible byte
    db.close();
    const broken = await run(process.execPath, ['--import', 'tsx', 'main/cli/index.ts', 'ledger', 'verify', '--data-dir', copy])
      .then(() => ({ code: 0, stdout: '' }), (e: { code: number; stdout: string }) => e);
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('Ledger NOT intact: entry #3 does not match: its content does not match its hash.');
    expect(broken.stdout).toContain('Entries #1 to #2 verified');
  }, 30_000);

  it('with an anchor, catches a chain rewritten and re-hashed from some entry on', async () => {
    const anchor = keel.store.sqlite.prepare('SELECT seq, hash FROM ledger_entries WHERE seq = 20').get() as { seq: number; hash: string };
    const copy = tamperableCopy('rewritten');
    const db = new Database(path.join(copy, 'keel.db'));
    db.prepare("UPDATE ledger_entries SET payload = payload || ' ' WHERE seq = 3").run(); // one invisible byte
    const rows = db.prepare(`SELECT seq, at, kind, run_id AS runId, step_id AS stepId, attempt_id AS attemptId, client_key AS clientKey,
      connector, endpoint_slug AS endpointSlug, payload FROM ledger_entries WHERE seq >= 3 ORDER BY seq`).all() as Omit<LedgerRow, 'hash' | 'prevHash'>[];
    let prevHash = db.prepare('SELECT hash FROM ledger_entries WHERE seq = 2').pluck().get() as string;
    for (const row of rows) {
      const hash = entryHash({ ...row, prevHash });
      db.prepare('UPDATE ledger_entries SET prev_hash = ?, hash = ? WHERE seq = ?').run(prevHash, hash, row.seq);
      prevHash = hash;
    }
    db.close();
    const inCopy = async (...argv: string[]) => {
      dataDir = copy;
      try {
        return await keelLedger(...argv);
      } finally {
        dataDir = path.join(dir, 'data');
      }
    };
    expect((await inCopy('verify')).code).toBe(0); // the chain alone cannot tell
    const anchored = await inCopy('verify', '--anchor', `${anchor.seq}:${anchor.hash}`);
    expect(anchored.code).toBe(1);
    expect(anchored.out).toContain('entry #20 does not match: entry #20 no longer has the anchored hash');
    expect((await keelLedger('verify', '--anchor', `${anchor.seq}:${anchor.hash}`)).out).toContain('Anchor: entry #20 still has hash');
    await expect(keelLedger('verify', '--anchor', '20:abc')).rejects.toThrow(/--anchor must be/);
  });
});

describe('keel ledger export', () => {
  it('writes CSV whose rows carry every hashed field, and records itself in the ledger', async () => {
    const file = path.join(dir, 'ledger.csv');
    const before = lastEntry();
    const { code, out } = await keelLedger('export', '--format', 'csv', '-o', file);
    expect(code).toBe(0);
    expect(out).toContain(`Exported ${before.seq} entries (#1 to #${before.seq})`);
    const records = csvRecords(file);
    expect(records).toHaveLength(before.seq);
    // Anyone can recompute each hash from the CSV alone (an empty cell is null).
    for (const r of records) {
      const text = (c: string) => (r[c] === '' ? null : r[c]);
      const form = canonicalize({ seq: Number(r.seq), at: Number(r.at_ms), kind: r.kind, runId: text('run_id'), stepId: text('step_id'), attemptId: text('attempt_id'),
        clientKey: text('client_key'), connector: text('connector'), endpointSlug: text('endpoint_slug'), payload: r.payload, prevHash: r.prev_hash })!;
      expect(createHash('sha256').update(form).digest('hex')).toBe(r.hash);
    }
    const money = records.filter((r) => r.amount);
    expect(money.map((r) => `${r.currency} ${r.amount}`).sort()).toEqual(['USD 49.00', 'USD 499.00']);
    expect(money.every((r) => r.http_url!.endsWith('/v1/subscriptions') && r.client!.startsWith('C-'))).toBe(true);

    const recorded = lastEntry();
    expect(recorded.seq).toBe(before.seq + 1);
    expect(recorded.kind).toBe('operator.action');
    const payload = JSON.parse(recorded.payload);
    expect(payload).toMatchObject({ action: 'ledger.exported', after: { format: 'csv', entries: before.seq, sha256: sha256(file), bytes: fs.statSync(file).size } });
    expect(recorded.payload.length).toBeLessThan(2_000); // what was exported, never the contents
  });

  it('applies the filters: client, connector, workflow and a time window', async () => {
    const [client] = (await keel.handlers.listRuns({})).map((r) => r.clientKey!);
    const file = path.join(dir, 'filtered.csv');
    await keelLedger('export', '-o', file, '--client', client!);
    const mine = csvRecords(file);
    expect(mine.every((r) => r.client === client)).toBe(true);
    expect(mine.some((r) => r.kind === 'http.exchange')).toBe(true); // linked through the run, not the entry

    await keelLedger('export', '-o', file, '--connector', 'stripe', '--workflow', 'client-onboarding');
    expect(new Set(csvRecords(file).map((r) => r.connector))).toEqual(new Set(['stripe']));

    const first = csvRecords(path.join(dir, 'ledger.csv'))[0]!;
    await keelLedger('export', '-o', file, '--from', first.at!, '--to', first.at!);
    expect(csvRecords(file).map((r) => r.at)).toContain(first.at);
    await keelLedger('export', '-o', file, '--from', '2001-01-01', '--to', '2001-01-31');
    expect(csvRecords(file)).toEqual([]);
  });

  it('writes XLSX with a summary (runs by outcome, Stripe money, clients) and every entry', async () => {
    const file = path.join(dir, 'ledger.xlsx');
    const before = lastEntry();
    expect((await keelLedger('export', '--format', 'xlsx', '-o', file)).code).toBe(0);
    const book = await new ExcelJS.Workbook().xlsx.readFile(file);
    const summary = book.getWorksheet('Summary')!;
    const rows: unknown[][] = [];
    summary.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const after = (title: string, n = 1) => rows[rows.findIndex((r) => r[0] === title) + 1 + n]!;
    expect(after('Runs by outcome')).toEqual(['completed', 2]);
    const totals = rows.filter((r) => r[1] === 'subscription' && r[0] === 'USD');
    expect(totals).toEqual([['USD', 'subscription', 2, 548]]);
    expect(rows.filter((r) => typeof r[0] === 'string' && r[0].startsWith('C-') && r[1] === 1)).toHaveLength(2);
    const entries = book.getWorksheet('Entries')!;
    expect(entries.getRow(1).values).toEqual([undefined, ...EXPORT_COLUMNS]);
    expect(entries.rowCount).toBe(before.seq + 1);
    expect(entries.getRow(2).getCell(2).value).toBeInstanceOf(Date); // column `at`, a real date cell
    expect(JSON.parse(lastEntry().payload).after).toMatchObject({ format: 'xlsx', sha256: sha256(file) });
  });

  it('writes a PDF report whose integrity page renders and names the head and how to re-verify', async () => {
    const file = path.join(dir, 'report.pdf');
    const head = lastEntry();
    const headHash = (keel.store.sqlite.prepare('SELECT hash FROM ledger_entries WHERE seq = ?').pluck().get(head.seq)) as string;
    expect((await keelLedger('export', '--format', 'pdf', '-o', file)).code).toBe(0);
    const { stdout: info } = await run('pdfinfo', [file]).catch(() => ({ stdout: 'Pages: 2' }));
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    const png = path.join(dir, 'integrity');
    await run('pdftoppm', ['-png', '-r', '60', '-f', String(pages), '-l', String(pages), '-singlefile', file, png]);
    expect(fs.statSync(`${png}.png`).size).toBeGreaterThan(5_000);
    await run('pdftoppm', ['-gray', '-r', '40', '-f', String(pages), '-l', String(pages), '-singlefile', file, png]);
    const pgm = fs.readFileSync(`${png}.pgm`);
    const pixels = pgm.subarray(pgm.length - (pgm.toString('latin1', 0, 20).match(/^P5\s+(\d+)\s+(\d+)/)!.slice(1).reduce((a, b) => a * Number(b), 1)));
    expect(pixels.filter((p) => p < 128).length).toBeGreaterThan(500); // ink on the page
    const { stdout: text } = await run('pdftotext', ['-f', String(pages), '-l', String(pages), '-layout', file, '-']);
    expect(text).toContain('Integrity');
    expect(text).toContain(`held entries #1 to #${head.seq}`);
    expect(text).toContain(headHash);
    expect(text).toContain(`Verified: intact. All ${head.seq} entries were re-hashed`);
    expect(text).toContain(`keel ledger verify --anchor ${head.seq}:${headHash}`);
    const { stdout: first } = await run('pdftotext', ['-f', '1', '-l', '1', '-layout', file, '-']);
    expect(first).toMatch(/completed\s+2/);
    expect(first).toMatch(/USD\s+subscription\s+2\s+548\.00/);
  });

  it('explains a bad date, an unknown format, an unwritable path and a missing store', async () => {
    const bad = (...argv: string[]) => expect(keelLedger('export', ...argv)).rejects.toThrow(UsageError);
    await bad('-o', path.join(dir, 'x.csv'), '--from', '2026-02-30');
    await expect(keelLedger('export', '-o', path.join(dir, 'x.csv'), '--to', 'yesterday')).rejects.toThrow(/--to must be a date like 2026-11-01/);
    await expect(keelLedger('export', '--format', 'docx', '-o', path.join(dir, 'x.docx'))).rejects.toThrow(/--format must be one of csv, xlsx, pdf, not "docx"/);
    await expect(keelLedger('export', '-o', path.join(dir, 'x.txt'))).rejects.toThrow(/Say which format/);
    await expect(keelLedger('export', '-o', path.join(dir, 'no', 'such', 'x.csv'))).rejects.toThrow(/Cannot write .*x\.csv: the folder does not exist/);
    await expect(keelLedger('export', '-o', dir, '--format', 'csv')).rejects.toThrow(/it is a folder/);
    await bad('-o', path.join(dir, 'x.csv'), '--from', '2026-11-02', '--to', '2026-11-01');
    await expect(keelLedger('nonsense')).rejects.toThrow(/say what to do/);
    dataDir = path.join(dir, 'nowhere');
    try {
      await expect(keelLedger('verify')).rejects.toThrow(/There is no Keel store at/);
    } finally {
      dataDir = path.join(dir, 'data');
    }
    expect(fs.readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });
});
