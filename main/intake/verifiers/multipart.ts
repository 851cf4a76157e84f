/**
 * Just enough of multipart/form-data (RFC 7578) to read one text field, synchronously: verifiers are pure
 * functions, and Dropbox Sign posts its event as the `json` field of a multipart body.
 */

/** Parts beyond this are ignored: a real callback has a handful, and the work per request stays bounded. */
const MAX_PARTS = 64;

function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;"]{1,70}))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function fieldName(headerBlock: string): string | undefined {
  for (const line of headerBlock.split('\r\n')) {
    if (!/^content-disposition\s*:/i.test(line)) continue;
    return /;\s*name="([^"]*)"/i.exec(line)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(line)?.[1];
  }
  return undefined;
}

/** The text of the first part named `name`, or undefined when there is none or the body is not well formed. */
export function multipartField(contentType: string, body: Buffer, name: string): string | undefined {
  const boundary = boundaryOf(contentType);
  if (!boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary}`);
  let at = body.indexOf(delimiter);
  for (let parts = 0; at !== -1 && parts < MAX_PARTS; parts++) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString('latin1') === '--') return undefined; // the closing delimiter
    const next = body.indexOf(delimiter, start);
    if (next === -1) return undefined;
    // A part is CRLF, headers, CRLF CRLF, content, CRLF, then the next delimiter.
    const part = body.subarray(start, next);
    const headersEnd = part.indexOf('\r\n\r\n');
    if (headersEnd !== -1 && fieldName(part.subarray(0, headersEnd).toString('latin1')) === name) {
      const content = part.subarray(headersEnd + 4);
      const trimmed = content.subarray(0, content.length >= 2 && content.subarray(-2).toString('latin1') === '\r\n' ? -2 : undefined);
      return trimmed.toString('utf8');
    }
    at = next;
  }
  return undefined;
}
