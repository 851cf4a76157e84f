/**
 * Redaction of user-configured JSON paths (a contract's bank details, a form's national id), applied before
 * anything is written, like the header rules in `redaction.ts`. A matched value becomes a `redactionMarker`
 * of its text (strings) or of its canonical JSON (anything else), so equal values still match across entries.
 *
 * Path syntax, a small JSONPath subset:
 *   `$.data.client.email`   keys from the root (`$` and the leading dot are optional: `data.client.email`)
 *   `$.items[0].card`       an array index
 *   `$.items[*].card`       every element of an array; `$.data.*` every member of an object
 *   `$['odd key.with dots']`  a quoted key
 *   `$..password`           a key at any depth (recursive descent)
 */
import { canonicalJson } from './entry';
import { redactionMarker } from './redaction';

export type JsonPathStep =
  | { kind: 'key'; key: string }
  | { kind: 'index'; index: number }
  | { kind: 'wildcard' }
  | { kind: 'descend'; key: string };

export type JsonPath = JsonPathStep[];

/** Expected failure: a path the user typed that is not valid; the message says where. */
export class JsonPathError extends Error {
  override name = 'JsonPathError';
}

const NAME = /^[A-Za-z_$][\w$-]*/;

/** Parses a path; throws JsonPathError naming the position of the first problem. */
export function parseJsonPath(text: string): JsonPath {
  let rest = text.trim();
  const fail = (why: string): never => {
    throw new JsonPathError(`"${text}" is not a JSON path: ${why} at position ${text.length - rest.length + 1}`);
  };
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest && !rest.startsWith('.') && !rest.startsWith('[')) rest = `.${rest}`;
  const steps: JsonPath = [];
  while (rest) {
    if (rest.startsWith('..')) {
      rest = rest.slice(2);
      const name = NAME.exec(rest)?.[0] ?? fail('expected a key name after ".."');
      steps.push({ kind: 'descend', key: name });
      rest = rest.slice(name.length);
    } else if (rest.startsWith('.*')) {
      steps.push({ kind: 'wildcard' });
      rest = rest.slice(2);
    } else if (rest.startsWith('.')) {
      rest = rest.slice(1);
      const name = NAME.exec(rest)?.[0] ?? fail('expected a key name after "."');
      steps.push({ kind: 'key', key: name });
      rest = rest.slice(name.length);
    } else if (rest.startsWith('[')) {
      const bracket = /^\[(?:(\*)|(\d+)|'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)")\]/.exec(rest) ?? fail('expected [n], [*] or a quoted key');
      const [whole, star, index, single, double] = bracket;
      const quoted = single ?? double;
      if (star) steps.push({ kind: 'wildcard' });
      else if (index !== undefined) steps.push({ kind: 'index', index: Number(index) });
      else steps.push({ kind: 'key', key: quoted!.replace(/\\(.)/g, '$1') });
      rest = rest.slice(whole.length);
    } else {
      fail('expected ".", ".." or "["');
    }
  }
  if (!steps.length) fail('the whole document cannot be redacted by path');
  return steps;
}

function markerFor(value: unknown): string {
  return redactionMarker(typeof value === 'string' ? value : canonicalJson(value));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Children of a container as [key, value] pairs, whatever its kind. */
function children(value: unknown): [string | number, unknown][] {
  if (Array.isArray(value)) return value.map((v, i) => [i, v]);
  if (isObject(value)) return Object.entries(value);
  return [];
}

function withChild(container: unknown, key: string | number, child: unknown): unknown {
  if (Array.isArray(container)) return container.map((v, i) => (i === key ? child : v));
  return { ...(container as Record<string, unknown>), [key]: child };
}

function apply(value: unknown, steps: JsonPath): unknown {
  if (!steps.length) return value === undefined ? value : markerFor(value);
  const [step, ...rest] = steps as [JsonPathStep, ...JsonPathStep[]];
  let out = value;
  const visit = (key: string | number, child: unknown, remaining: JsonPath) => {
    const next = apply(child, remaining);
    if (next !== child) out = withChild(out, key, next);
  };
  switch (step.kind) {
    case 'key':
      if (isObject(value) && Object.hasOwn(value, step.key)) visit(step.key, value[step.key], rest);
      break;
    case 'index':
      if (Array.isArray(value) && step.index < value.length) visit(step.index, value[step.index], rest);
      break;
    case 'wildcard':
      for (const [key, child] of children(value)) visit(key, child, rest);
      break;
    case 'descend':
      // The key here, then the same search further down (also inside what the rest of the path changed).
      for (const [key, child] of children(value)) {
        const matched = key === step.key && isObject(value);
        let next: unknown;
        if (matched && !rest.length) next = apply(child, rest);
        else next = apply(matched ? apply(child, rest) : child, steps);
        if (next !== child) out = withChild(out, key, next);
      }
      break;
  }
  return out;
}

/**
 * Returns `value` with every value at `paths` replaced by a marker; `value` itself is not changed. Paths are
 * strings (parsed here, throwing JsonPathError) or already parsed. Paths that match nothing are ignored.
 */
export function redactJsonPaths<T>(value: T, paths: readonly (string | JsonPath)[]): T {
  let out: unknown = value;
  for (const path of paths) out = apply(out, typeof path === 'string' ? parseJsonPath(path) : path);
  return out as T;
}
