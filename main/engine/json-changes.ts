/**
 * What an operator changed in a JSON value, path by path, for the ledger: an auditor reads "$.data.client.email
 * went from A to B" instead of comparing two whole payloads.
 */
export interface JsonChange {
  /** JSONPath of the changed value, e.g. `$.data.client.email` or `$.items[2]`. */
  path: string;
  /** Absent when the value was added. */
  before?: unknown;
  /** Absent when the value was removed. */
  after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function key(path: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${path}.${name}` : `${path}[${JSON.stringify(name)}]`;
}

/** Leaves that differ, in document order; a value whose type changed (object to text, ...) is one change. */
export function jsonChanges(before: unknown, after: unknown, path = '$'): JsonChange[] {
  if (isObject(before) && isObject(after)) {
    const names = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return names.flatMap((name) => {
      const at = key(path, name);
      if (!Object.hasOwn(after, name)) return [{ path: at, before: before[name] }];
      if (!Object.hasOwn(before, name)) return [{ path: at, after: after[name] }];
      return jsonChanges(before[name], after[name], at);
    });
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    return Array.from({ length: Math.max(before.length, after.length) }, (_, i) => {
      const at = `${path}[${i}]`;
      if (i >= after.length) return [{ path: at, before: before[i] }];
      if (i >= before.length) return [{ path: at, after: after[i] }];
      return jsonChanges(before[i], after[i], at);
    }).flat();
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [{ path, before, after }];
}
