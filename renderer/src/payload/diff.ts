/**
 * A structural diff of two JSON values: one change per leaf path that differs. Arrays are compared by index
 * (recorded requests keep their order), objects by key. Paths are printed like `body.metadata.plan` and
 * `emails[0]`, the way the inspector's tree shows them.
 */
export type Change =
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'changed'; path: string; before: unknown; after: unknown };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const plain = /^[A-Za-z_$][\w$-]*$/.test(key);
  if (!parent) return plain ? key : `[${JSON.stringify(key)}]`;
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

export function diffJson(before: unknown, after: unknown, path = ''): Change[] {
  if (Array.isArray(before) && Array.isArray(after)) {
    const changes: Change[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const p = childPath(path, i);
      if (i >= before.length) changes.push({ kind: 'added', path: p, after: after[i] });
      else if (i >= after.length) changes.push({ kind: 'removed', path: p, before: before[i] });
      else changes.push(...diffJson(before[i], after[i], p));
    }
    return changes;
  }
  if (isObject(before) && isObject(after)) {
    const changes: Change[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    for (const key of keys) {
      const p = childPath(path, key);
      if (!(key in before)) changes.push({ kind: 'added', path: p, after: after[key] });
      else if (!(key in after)) changes.push({ kind: 'removed', path: p, before: before[key] });
      else changes.push(...diffJson(before[key], after[key], p));
    }
    return changes;
  }
  if (Object.is(before, after)) return [];
  return [{ kind: 'changed', path: path || '(value)', before, after }];
}
