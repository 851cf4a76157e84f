/**
 * `keel ledger verify` and `keel ledger export`: the ledger from the command line, read straight from the
 * store. Both work while Keel runs: verify only reads (a read-only connection), and export reads likewise and
 * then appends one entry recording itself.
 */
import path from 'node:path';
import { checkAnchor, parseAnchor, type Anchor, type AnchorVerdict } from '../ledger/anchor';
import { EXPORT_FORMATS, type ExportFormat } from '../ledger/export-context';
import { checkTarget, ExportTargetError } from '../ledger/export-file';
import type { ExportFilters } from '../ledger/export-scope';
import { exportLedger, localOperator, type ExportReceipt } from '../ledger/export';
import { MissingStoreError, openLedgerReader } from '../ledger/reader';
import type { ChainVerdict } from '../ledger/verify';
import { verifyStoreFile } from '../ledger/verify-parallel';
import { UsageError, type Command, type CommandContext } from './command';

const storeFile = (dataDir: string) => path.join(dataDir, 'keel.db');

/** Missing stores and unwritable targets are the user's input, said plainly, not crashes. */
async function plainly<T>(work: () => Promise<T> | T, dataDir: string): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof MissingStoreError) throw new UsageError(`${error.message} Start Keel once, or pass --data-dir with the folder Keel uses.\n(looked in ${dataDir})`);
    if (error instanceof ExportTargetError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * `--from 2026-11-01` starts at that day's first millisecond, `--to 2026-11-30` ends at its last (UTC).
 * A time without a zone is UTC too: an export must not mean different entries on different machines.
 */
export function parseDateOption(value: unknown, name: string, edge: 'start' | 'end'): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value).trim();
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const time = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/i.test(text);
  let ms = NaN;
  if (date) {
    const [y, m, d] = date.slice(1).map(Number) as [number, number, number];
    ms = Date.UTC(y, m - 1, d);
    // Date.UTC rolls 2026-02-30 over into March; a date that does not round-trip does not exist.
    if (new Date(ms).toISOString().slice(0, 10) !== text) ms = NaN;
    else if (edge === 'end') ms += 86_400_000 - 1;
  } else if (time) {
    ms = Date.parse(/(Z|[+-]\d{2}:\d{2})$/i.test(text) ? text : `${text}Z`);
  }
  if (!Number.isFinite(ms)) {
    throw new UsageError(`--${name} must be a date like 2026-11-01 or a time like 2026-11-01T09:30:00Z (UTC unless a zone is given), not "${text}".`);
  }
  return ms;
}

function exportFilters(options: CommandContext['options']): ExportFilters {
  const filters: ExportFilters = {};
  const from = parseDateOption(options.from, 'from', 'start');
  const to = parseDateOption(options.to, 'to', 'end');
  if (from !== undefined) filters.from = from;
  if (to !== undefined) filters.to = to;
  if (from !== undefined && to !== undefined && from > to) throw new UsageError('--from is after --to: no entry could match.');
  for (const [option, key] of [['workflow', 'workflowId'], ['client', 'clientKey'], ['connector', 'connector']] as const) {
    const value = options[option];
    if (value !== undefined) {
      if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${option} needs a value.`);
      filters[key] = value.trim();
    }
  }
  return filters;
}

function exportFormat(options: CommandContext['options'], output: string): ExportFormat {
  const given = options.format;
  const inferred = path.extname(output).slice(1).toLowerCase();
  const format = typeof given === 'string' ? given.trim().toLowerCase() : inferred;
  if (!EXPORT_FORMATS.includes(format as ExportFormat)) {
    throw new UsageError(typeof given === 'string'
      ? `--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${given}".`
      : `Say which format with --format ${EXPORT_FORMATS.join('|')} (it could not be told from "${path.basename(output)}").`);
  }
  return format as ExportFormat;
}

interface VerifyReport {
  database: string;
  intact: boolean;
  checked: number;
  headSeq: number | null;
  headHash: string | null;
  firstBadSeq?: number;
  reason?: string;
  anchor?: Anchor & AnchorVerdict;
}

/** Walks the chain (on several threads when it is long), then checks the anchor against what was verified. */
export async function verifyStore(dataDir: string, anchor: Anchor | null): Promise<VerifyReport> {
  const database = storeFile(dataDir);
  const verdict: ChainVerdict = await verifyStoreFile(database);
  const report: VerifyReport = verdict.intact
    ? { database, intact: true, checked: verdict.checked, headSeq: verdict.checked || null, headHash: verdict.checked ? verdict.headHash : null }
    : { database, intact: false, checked: verdict.checked, headSeq: null, headHash: null, firstBadSeq: verdict.firstBadSeq, reason: verdict.reason };
  if (anchor && verdict.intact) {
    // Entries only ever get appended, so what was verified up to the head is still what this reader sees.
    const sqlite = openLedgerReader(database);
    try {
      const held = anchor.seq > verdict.checked
        ? { holds: false as const, reason: `entry #${anchor.seq} is gone: the ledger was cut short since the anchor was taken` }
        : checkAnchor(sqlite, anchor);
      report.anchor = { ...anchor, ...held };
      if (!held.holds) Object.assign(report, { intact: false, firstBadSeq: anchor.seq, reason: held.reason });
    } finally {
      sqlite.close();
    }
  }
  return report;
}

export function formatVerify(r: VerifyReport): string[] {
  if (r.intact) {
    return [
      `Ledger intact: ${r.checked} ${r.checked === 1 ? 'entry' : 'entries'} checked.`,
      r.headSeq ? `Head: entry #${r.headSeq}, hash ${r.headHash}` : 'The ledger is empty.',
      ...(r.anchor ? [`Anchor: entry #${r.anchor.seq} still has hash ${r.anchor.hash}.`] : []),
    ];
  }
  return [
    `Ledger NOT intact: entry #${r.firstBadSeq} does not match: ${r.reason}.`,
    r.checked ? `Entries #1 to #${r.checked} verified; nothing from entry #${r.firstBadSeq} on can be relied on.` : 'No entry could be verified.',
  ];
}

function megabytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

export function formatExport(r: ExportReceipt): string[] {
  const range = r.firstSeq === null ? '' : ` (#${r.firstSeq} to #${r.lastSeq})`;
  return [
    `Exported ${r.entries} ${r.entries === 1 ? 'entry' : 'entries'}${range} to ${r.file} (${r.format.toUpperCase()}, ${megabytes(r.bytes)}).`,
    `SHA-256 ${r.sha256}; recorded in the ledger as entry #${r.recordedAs}.`,
  ];
}

const USAGE = [
  'verify [--json] [--anchor N:HASH]   walk the hash chain; exit 0 when intact, 1 naming the first entry that does not match',
  'export --format csv|xlsx|pdf -o FILE [--from DATE] [--to DATE] [--workflow W] [--client C] [--connector C] [--json]',
  '                      dates are UTC: 2026-11-01 (whole day) or 2026-11-01T09:30:00Z',
];

export const ledgerCommand: Command = {
  name: 'ledger',
  summary: 'Verify the ledger\'s hash chain, or export it (CSV, XLSX, PDF)',
  usage: USAGE,
  options: {
    json: { type: 'boolean' },
    anchor: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    from: { type: 'string' },
    to: { type: 'string' },
    workflow: { type: 'string' },
    client: { type: 'string' },
    connector: { type: 'string' },
  },
  async run({ dataDir, options, args, print }) {
    const [action] = args;
    if (action === 'verify') {
      const anchor = options.anchor === undefined ? null : parseAnchor(String(options.anchor));
      if (options.anchor !== undefined && !anchor) throw new UsageError('--anchor must be an entry number and its 64-character hash: --anchor 1234:3f9a…');
      const report = await plainly(() => verifyStore(dataDir, anchor), dataDir);
      if (options.json) print(JSON.stringify(report, null, 2));
      else for (const line of formatVerify(report)) print(line);
      return report.intact ? 0 : 1;
    }
    if (action === 'export') {
      if (typeof options.output !== 'string' || !options.output.trim()) throw new UsageError('Say where to write the export: -o FILE');
      const output = path.resolve(options.output);
      const format = exportFormat(options, output);
      const filters = exportFilters(options);
      const receipt = await plainly(() => {
        checkTarget(output); // before reading anything: a bad path fails at once
        return exportLedger({ database: storeFile(dataDir), format, output, filters, who: localOperator() });
      }, dataDir);
      if (options.json) print(JSON.stringify(receipt, null, 2));
      else for (const line of formatExport(receipt)) print(line);
      return 0;
    }
    throw new UsageError(`keel ledger ${action ?? ''}: say what to do.\n  keel ledger ${USAGE.join('\n  keel ledger ')}`);
  },
};
