/**
 * Reading fields out of a body that has not been trusted yet. Everything here tolerates any bytes: a verifier
 * must answer with a reason, never throw, whatever a stranger sends.
 */
import { multipartField } from './multipart';

/** The body as JSON, or undefined when it is not JSON. */
export function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The value at a dotted path (`data.envelopeId`), or undefined. Array indexes are allowed (`events.0.id`). */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A string or number at a path, as text; null when absent or of another type. */
export function textAt(value: unknown, path: string): string | null {
  const found = valueAt(value, path);
  if (typeof found === 'string' && found.length > 0) return found;
  if (typeof found === 'number' && Number.isFinite(found)) return String(found);
  return null;
}

/** The media type without parameters, lower-cased: `multipart/form-data; boundary=x` -> `multipart/form-data`. */
export function mediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** A named field of a form body, URL-encoded or multipart; undefined when the body is not a form or lacks it. */
export function formField(contentType: string | undefined, body: Buffer, name: string): string | undefined {
  const type = mediaType(contentType);
  if (type === 'application/x-www-form-urlencoded') return new URLSearchParams(body.toString('utf8')).get(name) ?? undefined;
  if (type === 'multipart/form-data') return multipartField(contentType ?? '', body, name);
  return undefined;
}
