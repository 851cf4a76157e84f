/**
 * Stripe's request encoding: `application/x-www-form-urlencoded` with bracketed keys for nesting —
 * `metadata[contract_id]=x`, `items[0][price]=p`, `expand[]=a`. stripe-node writes GET parameters the same way
 * in the query string. Parsed here into plain objects and arrays so the fake can validate and compare them
 * (idempotency compares parameters, not bytes).
 */

export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

export class FormParseError extends Error {}

/** Keys that would reach Object.prototype through a plain object. Stripe has no such parameters. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

export function parseStripeForm(encoded: string): FormObject {
  const root: FormObject = {};
  if (!encoded) return root;
  for (const pair of encoded.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = eq === -1 ? pair : pair.slice(0, eq);
    const rawValue = eq === -1 ? '' : pair.slice(eq + 1);
    const key = decode(rawKey);
    const value = decode(rawValue);
    assign(root, splitKey(key), value, key);
  }
  return arraysFromIndexes(root) as FormObject;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    throw new FormParseError(`Invalid URL encoding: ${s}`);
  }
}

/** `a[b][0][]` -> ['a', 'b', '0', ''] ; an empty segment means "append". */
function splitKey(key: string): string[] {
  const open = key.indexOf('[');
  if (open === -1) return [key];
  const segments = [key.slice(0, open)];
  const rest = key.slice(open);
  const re = /\[([^\]]*)\]/g;
  let consumed = 0;
  for (let m = re.exec(rest); m; m = re.exec(rest)) {
    if (m.index !== consumed) throw new FormParseError(`Invalid parameter name: ${key}`);
    segments.push(m[1] ?? '');
    consumed = re.lastIndex;
  }
  if (consumed !== rest.length) throw new FormParseError(`Invalid parameter name: ${key}`);
  return segments;
}

function assign(target: FormObject, path: string[], value: string, fullKey: string): void {
  let node: FormObject = target;
  for (let i = 0; i < path.length; i++) {
    let seg = path[i] as string;
    if (FORBIDDEN.has(seg)) throw new FormParseError(`Invalid parameter name: ${fullKey}`);
    if (seg === '') {
      // `x[]`: append after the highest index so far.
      seg = String(Object.keys(node).filter((k) => /^\d+$/.test(k)).length);
    }
    const last = i === path.length - 1;
    // Own properties only: `toString` or `valueOf` are ordinary parameter names here, not Object methods.
    const existing = Object.hasOwn(node, seg) ? node[seg] : undefined;
    if (last) {
      if (existing !== undefined && typeof existing !== 'string') {
        // Stripe: "Invalid hash" when a key is given both as a value and as a nested object.
        throw new FormParseError(`Invalid hash: ${path.slice(0, i + 1).join('.')}`);
      }
      node[seg] = value;
      return;
    }
    if (existing === undefined) {
      const child: FormObject = {};
      node[seg] = child;
      node = child;
    } else if (typeof existing === 'string') {
      throw new FormParseError(`Invalid hash: ${path.slice(0, i + 1).join('.')}`);
    } else {
      node = existing as FormObject;
    }
  }
}

/** Objects whose keys are exactly 0..n-1 become arrays (`items[0][price]`). */
function arraysFromIndexes(value: FormValue): FormValue {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  const keys = Object.keys(value);
  for (const k of keys) value[k] = arraysFromIndexes(value[k] as FormValue);
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    const indexes = keys.map(Number).sort((a, b) => a - b);
    if (indexes.every((n, i) => n === i)) return indexes.map((n) => value[String(n)] as FormValue);
  }
  return value;
}

/** Stable JSON with sorted keys: the parameter fingerprint idempotency replays compare. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
