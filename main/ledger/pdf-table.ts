/**
 * Simple tables and text for the PDF report, on pdfkit's built-in fonts. Those fonts cover Latin-1 and a few
 * typographic marks (WinAnsi); other characters are shown as "?" rather than as wrong glyphs.
 */
import type PDFDocument from 'pdfkit';

type Doc = InstanceType<typeof PDFDocument>;

export interface TableColumn {
  header: string;
  width: number;
  align?: 'left' | 'right';
}

const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** Text the built-in fonts can draw. */
export function printable(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    const ok = (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch);
    out += ok ? ch : ch === '\n' ? ' ' : '?';
  }
  return out;
}

export function heading(doc: Doc, text: string, size = 14): void {
  if (doc.y > doc.page.height - doc.page.margins.bottom - 80) doc.addPage();
  doc.moveDown(0.6).font('Helvetica-Bold').fontSize(size).fillColor('black').text(printable(text), doc.page.margins.left);
  doc.moveDown(0.3).font('Helvetica').fontSize(9);
}

export function paragraph(doc: Doc, text: string, options: { font?: string; size?: number } = {}): void {
  doc.font(options.font ?? 'Helvetica').fontSize(options.size ?? 10).fillColor('black');
  doc.text(printable(text), doc.page.margins.left, undefined, { width: doc.page.width - doc.page.margins.left - doc.page.margins.right });
  doc.moveDown(0.4);
}

function drawRow(doc: Doc, columns: TableColumn[], cells: string[], bold: boolean): void {
  doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
  const height = Math.max(...cells.map((c, i) => doc.heightOfString(c, { width: columns[i]!.width - 4 }))) + 4;
  if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
    doc.addPage();
    if (!bold) drawRow(doc, columns, columns.map((c) => c.header), true);
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8);
  }
  const y = doc.y;
  let x = doc.page.margins.left;
  cells.forEach((cell, i) => {
    const column = columns[i]!;
    doc.text(cell, x + 2, y + 2, { width: column.width - 4, align: column.align ?? 'left' });
    x += column.width;
  });
  doc.moveTo(doc.page.margins.left, y + height).lineTo(x, y + height).lineWidth(0.3).strokeColor('#999999').stroke();
  doc.x = doc.page.margins.left;
  doc.y = y + height;
}

/** Draws a table, repeating the header on each new page. `rows` may be a generator: rows are drawn as they come. */
export function table(doc: Doc, columns: TableColumn[], rows: Iterable<(string | number | null)[]>): number {
  drawRow(doc, columns, columns.map((c) => c.header), true);
  let count = 0;
  for (const row of rows) {
    drawRow(doc, columns, row.map((c) => printable(c === null ? '' : String(c))), false);
    count++;
  }
  if (!count) paragraph(doc, '(none)', { size: 8 });
  doc.moveDown(0.5);
  return count;
}
