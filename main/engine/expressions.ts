/**
 * Conditions and input mappings use CEL (Common Expression Language): non-Turing-complete, no `eval`, no
 * prototype access, parse-time size limits. Expressions see two variables:
 *   trigger  the trigger payload (the webhook body)
 *   steps    earlier steps by id: `steps.stripe_customer.output.id`
 *
 * A mapping value is a string with `{{ expression }}` templates. A string that is one template keeps the
 * expression's type (`"{{ trigger.data.seats }}"` stays a number); otherwise the parts are joined as text.
 */
import { Environment } from '@marcbachmann/cel-js';

export interface ExpressionScope {
  trigger: unknown;
  steps: Record<string, { output: unknown }>;
}

const environment = new Environment({
  enableOptionalTypes: true,
  homogeneousAggregateLiterals: false,
  limits: { maxAstNodes: 2_000, maxDepth: 64, maxListElements: 500, maxMapEntries: 500, maxCallArguments: 16 },
})
  .registerVariable('trigger', 'map')
  .registerVariable('steps', 'map');

export class ExpressionError extends Error {
  override name = 'ExpressionError';
  constructor(
    readonly expression: string,
    detail: string,
  ) {
    super(`${detail} in \`${expression}\``);
  }
}

type Compiled = (scope: ExpressionScope) => unknown;
const cache = new Map<string, Compiled>();

/** First line of a CEL error: the rest is a caret drawing meant for a terminal. */
function firstLine(error: unknown): string {
  return String((error as Error)?.message ?? error).split('\n')[0]!.trim();
}

export function compileExpression(expression: string): Compiled {
  const cached = cache.get(expression);
  if (cached) return cached;
  let parsed: ReturnType<typeof environment.parse>;
  try {
    parsed = environment.parse(expression);
  } catch (error) {
    throw new ExpressionError(expression, firstLine(error));
  }
  const check = environment.check(expression);
  if (!check.valid) throw new ExpressionError(expression, firstLine(check.error));
  const compiled: Compiled = (scope) => {
    try {
      return toJson(parsed(scope as unknown as Record<string, unknown>));
    } catch (error) {
      throw new ExpressionError(expression, firstLine(error));
    }
  };
  if (cache.size > 5_000) cache.clear();
  cache.set(expression, compiled);
  return compiled;
}

export function evaluateCondition(expression: string, scope: ExpressionScope): boolean {
  const value = compileExpression(expression)(scope);
  if (typeof value !== 'boolean') {
    throw new ExpressionError(expression, `a condition must be true or false, but it gave ${JSON.stringify(value)}`);
  }
  return value;
}

const TEMPLATE = /\{\{([\s\S]*?)\}\}/g;

/** Every expression inside a mapping value, for validation at save time. */
export function templateExpressions(value: unknown): string[] {
  if (typeof value === 'string') return [...value.matchAll(TEMPLATE)].map((m) => m[1]!.trim());
  if (Array.isArray(value)) return value.flatMap(templateExpressions);
  if (value && typeof value === 'object') return Object.values(value).flatMap(templateExpressions);
  return [];
}

/** Resolves a mapping (any JSON value whose strings may hold templates) against a scope. */
export function renderMapping(value: unknown, scope: ExpressionScope): unknown {
  if (typeof value === 'string') return renderString(value, scope);
  if (Array.isArray(value)) return value.map((v) => renderMapping(v, scope));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, renderMapping(v, scope)]));
  }
  return value;
}

function renderString(text: string, scope: ExpressionScope): unknown {
  const whole = /^\{\{([\s\S]*?)\}\}$/.exec(text);
  if (whole && !whole[1]!.includes('{{')) return compileExpression(whole[1]!.trim())(scope);
  return text.replace(TEMPLATE, (_, expression: string) => {
    const value = compileExpression(expression.trim())(scope);
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/** CEL integers are BigInts and maps may be Maps; the rest of Keel speaks JSON. */
function toJson(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value <= BigInt(Number.MAX_SAFE_INTEGER) && value >= BigInt(Number.MIN_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Map) return Object.fromEntries([...value].map(([k, v]) => [String(k), toJson(v)]));
  if (Array.isArray(value)) return value.map(toJson);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJson(v)]));
  }
  return value;
}
