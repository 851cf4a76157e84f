/** Recorded bodies as values the inspector can show as a tree: JSON, form fields, or plain text. */
import type { RecordedBody } from '../../../preload/api';

export type ParsedBody =
  | { kind: 'empty' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; value: Record<string, string> }
  | { kind: 'text'; text: string }
  | { kind: 'binary'; bytes: number };

export function parseBody(body: RecordedBody | undefined | null, contentType = ''): ParsedBody {
  if (!body || (body.text === '' && body.bytes === 0)) return { kind: 'empty' };
  if (body.encoding === 'base64') return { kind: 'binary', bytes: body.bytes };
  const text = body.text;
  if (!body.truncated && /json/i.test(contentType || 'json')) {
    try {
      return { kind: 'json', value: JSON.parse(text) };
    } catch {
      // Not JSON after all: fall through to form or text.
    }
  }
  if (/x-www-form-urlencoded/i.test(contentType)) {
    const value: Record<string, string> = {};
    for (const [key, v] of new URLSearchParams(text)) value[key] = v;
    return { kind: 'form', value };
  }
  return { kind: 'text', text };
}

export function headerValue(headers: Record<string, string | string[]>, name: string): string {
  const found = Object.entries(headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
  return Array.isArray(found) ? found.join(', ') : (found ?? '');
}

/** The parsed body as a plain value (for trees, copy and diff). */
export function bodyValue(parsed: ParsedBody): unknown {
  switch (parsed.kind) {
    case 'empty':
      return null;
    case 'json':
    case 'form':
      return parsed.value;
    case 'text':
      return parsed.text;
    case 'binary':
      return `(binary, ${parsed.bytes} bytes)`;
  }
}

/** Redaction markers the recorder leaves where a secret was: `[redacted:1a2b3c4d]`. */
export const REDACTION = /\[redacted:[0-9a-f]+\]/g;

export function hasRedaction(text: string): boolean {
  return new RegExp(REDACTION.source).test(text);
}
