/**
 * WHERE conditions built from optional filters, with their named parameters: the runs list, the ledger search
 * and exports each filter this way, with conditions of their own.
 */

/** Adds `condition` to `where` and binds `@name` to `value`; a filter not given (undefined) adds nothing. */
export function addCondition(where: string[], params: Record<string, unknown>, value: unknown, name: string, condition: string): void {
  if (value === undefined) return;
  where.push(condition);
  params[name] = value;
}

/** `WHERE a AND b`, or nothing when there is no condition. */
export function whereSql(where: readonly string[]): string {
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/** Text matched as itself by `LIKE ... ESCAPE '\'`: `%` and `_` are LIKE's wildcards, but a person typing them means the characters. */
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
