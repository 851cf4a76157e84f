/**
 * PDF export: a report for people (the export's scope, runs by outcome, money through Stripe, each client)
 * ending with an integrity page that says which entries it covers, what the ledger's head was, whether the
 * whole chain verified, and how anyone can check that again later.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type Database from 'better-sqlite3';
import PDFDocument from 'pdfkit';
import { describeFilters, describeRange, utcText, type ExportContext } from './export-context';
import { moneyLines, summarise } from './export-summary';
import { formatMinor } from './money';
import { heading, paragraph, table } from './pdf-table';
import { verifyChain, type ChainVerdict } from './verify';

type Doc = InstanceType<typeof PDFDocument>;

/** A report lists this many money-bearing calls; the XLSX and CSV exports list every one. */
export const PDF_MONEY_LINES = 500;

function take<T>(items: Iterable<T>, limit: number, onMore: () => void): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      let n = 0;
      for (const item of items) {
        if (n++ === limit) return onMore();
        yield item;
      }
    },
  };
}

function report(doc: Doc, sqlite: Database.Database, context: ExportContext): void {
  const { stats, filters } = context;
  const summary = summarise(sqlite, filters);
  doc.font('Helvetica-Bold').fontSize(20).text('Keel ledger report');
  doc.moveDown(0.5);
  paragraph(doc, `Generated ${utcText(context.generatedAt)}.`);
  paragraph(doc, `Filters: ${describeFilters(filters)}.`);
  paragraph(doc, `Entries covered: ${describeRange(stats)}.`);

  heading(doc, 'Runs by outcome');
  table(doc, [{ header: 'Outcome', width: 200 }, { header: 'Runs', width: 80, align: 'right' }],
    Object.entries(summary.runsByOutcome).sort().map(([outcome, runs]) => [outcome, runs]));

  heading(doc, 'Money through Stripe');
  paragraph(doc, 'Totals of calls Stripe confirmed, each Stripe object counted once (an idempotent replay returns the same object).', { size: 9 });
  table(doc, [{ header: 'Currency', width: 70 }, { header: 'Stripe object', width: 150 }, { header: 'Calls', width: 60, align: 'right' }, { header: 'Amount', width: 120, align: 'right' }],
    summary.moneyTotals.map((t) => [t.currency, t.object, t.calls, formatMinor(t.amountMinor, t.currency)]));

  heading(doc, 'Per client');
  table(doc, [
    { header: 'Client', width: 110 }, { header: 'Runs', width: 40, align: 'right' }, { header: 'Completed', width: 55, align: 'right' },
    { header: 'Needs attention', width: 60, align: 'right' }, { header: 'Entries', width: 50, align: 'right' }, { header: 'Stripe amounts', width: 180 },
  ], summary.clients.map((c) => [c.client, c.runs, c.outcomes.completed ?? 0, c.outcomes.needs_attention ?? 0, c.entries,
    Object.entries(c.money).map(([currency, minor]) => `${currency} ${formatMinor(minor, currency)}`).join('; ')]));

  heading(doc, 'Money-bearing Stripe calls');
  let more = false;
  const lines = take(moneyLines(sqlite, filters), PDF_MONEY_LINES, () => (more = true));
  table(doc, [
    { header: 'Entry', width: 40, align: 'right' }, { header: 'Time (UTC)', width: 90 }, { header: 'Client', width: 80 },
    { header: 'Call', width: 120 }, { header: 'Object', width: 75 }, { header: 'Amount', width: 90, align: 'right' },
  ], [...lines].map((m) => [m.seq, utcText(m.at), m.client, `${m.method} ${m.path} -> ${m.httpStatus ?? 'no response'}`, m.object,
    `${m.currency} ${formatMinor(m.amountMinor, m.currency)}${m.counted ? '' : ' *'}`]));
  if (more) paragraph(doc, `Only the first ${PDF_MONEY_LINES} of ${summary.moneyCalls} calls are listed; the XLSX and CSV exports list them all.`, { size: 9 });
  paragraph(doc, '* not in the totals: not confirmed by Stripe, or a replay of an object already counted.', { size: 8 });
}

function integrityPage(doc: Doc, context: ExportContext, verdict: ChainVerdict): void {
  const { stats, head } = context;
  doc.addPage();
  doc.font('Helvetica-Bold').fontSize(18).text('Integrity');
  doc.moveDown(0.5);
  paragraph(doc, `This report covers ${describeRange(stats)}.`);
  if (!head) {
    paragraph(doc, 'The ledger was empty when this report was made.');
  } else {
    paragraph(doc, `When this report was made, the ledger held entries #1 to #${head.seq}. The hash of entry #${head.seq}, the head of the chain, was:`);
    paragraph(doc, head.hash, { font: 'Courier', size: 9 });
  }
  heading(doc, 'Verification', 12);
  if (verdict.intact) {
    paragraph(doc, `Verified: intact. All ${verdict.checked} entries were re-hashed (SHA-256 over each entry's RFC 8785 canonical form) and each one's previous-hash matched the entry before it.`, { font: 'Helvetica-Bold' });
  } else {
    paragraph(doc, `NOT INTACT. Entry #${verdict.firstBadSeq} does not match: ${verdict.reason}. Entries #1 to #${verdict.checked} verified.`, { font: 'Helvetica-Bold' });
    paragraph(doc, 'Figures in this report that come from entries at or after that point cannot be relied on.');
  }
  heading(doc, 'How to verify again', 12);
  const anchor = head ? ` --anchor ${head.seq}:${head.hash}` : '';
  paragraph(doc, 'On the computer that runs Keel, in a terminal:');
  paragraph(doc, `keel ledger verify${anchor}`, { font: 'Courier', size: 8 });
  paragraph(doc, `It walks the whole chain again and exits with status 0, printing "intact", only if every entry still matches its hash${head ? ` and entry #${head.seq} still has the hash above` : ''}. A change to any recorded byte since this report was made, even with the rest of the chain re-hashed to hide it, makes it exit with status 1 and name the first entry that does not match.`);
  paragraph(doc, 'Add --json for a machine-readable result, and --data-dir DIR when Keel keeps its data in another folder. Keel may keep running meanwhile: verify only reads.');
  paragraph(doc, 'Without Keel: the CSV export carries every hashed field of every entry, so each hash can be recomputed with any SHA-256 and RFC 8785 implementation (see EXPORT.md). The file of this report is itself recorded in the ledger, by its SHA-256, as an operator.action entry made when it was saved.');
}

/**
 * Writes the report to `out` and ends it; resolves to the number of entries the report covers and the
 * verdict on the whole chain (walked in the caller's read transaction, so it describes the same moment).
 */
export async function writePdf(sqlite: Database.Database, context: ExportContext, out: Writable): Promise<{ entries: number; verdict: ChainVerdict }> {
  const verdict = verifyChain(sqlite);
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: 'Keel ledger report', Author: 'Keel', CreationDate: new Date(context.generatedAt) } });
  doc.pipe(out);
  report(doc, sqlite, context);
  integrityPage(doc, context, verdict);
  doc.end();
  await once(out, 'finish');
  return { entries: context.stats.count, verdict };
}
