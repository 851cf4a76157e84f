/**
 * Test support: a strict RFC 4180 reader, to check the CSV export against the standard rather than against
 * the library that wrote it. CRLF record ends, quoted fields with doubled quotes; anything else is an error.
 */
export function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < text.length) {
    let field = '';
    if (text[i] === '"') {
      for (i++; ; i++) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"' && text[i + 1] === '"') {
          field += '"';
          i++;
        } else if (text[i] === '"') {
          break;
        } else {
          field += text[i];
        }
      }
      i++;
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        field += text[i++];
      }
    }
    row.push(field);
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    }
    else if (i < text.length) throw new Error(`expected , or CRLF at ${i}`);
  }
  if (row.length) throw new Error('the last record does not end with CRLF');
  return rows;
}
