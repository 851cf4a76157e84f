/**
 * The visual condition builder's model and its two translations: rows (field / operator / value) in and/or
 * groups -> a CEL expression, and back. `parseCondition` reads exactly the CEL subset `toCel` writes (plus the
 * same shapes written by hand: either quote style, extra parentheses); anything else returns null and the editor
 * keeps the expression in advanced mode instead of guessing.
 */
export type Operator = '==' | '!=' | '>' | '>=' | '<' | '<=' | 'contains' | 'startsWith' | 'endsWith' | 'in' | 'exists';
export type ValueType = 'text' | 'number' | 'boolean';

export interface ConditionRow {
  kind: 'row';
  field: string;
  op: Operator;
  /** As typed; for `in`, a comma-separated list. Ignored for `exists`. */
  value: string;
  type: ValueType;
}
export interface ConditionGroup {
  kind: 'group';
  join: 'and' | 'or';
  items: (ConditionRow | ConditionGroup)[];
}

export const operators: { op: Operator; label: string }[] = [
  { op: '==', label: 'is' },
  { op: '!=', label: 'is not' },
  { op: '>', label: 'greater than' },
  { op: '>=', label: 'at least' },
  { op: '<', label: 'less than' },
  { op: '<=', label: 'at most' },
  { op: 'contains', label: 'contains' },
  { op: 'startsWith', label: 'starts with' },
  { op: 'endsWith', label: 'ends with' },
  { op: 'in', label: 'is one of' },
  { op: 'exists', label: 'is present' },
];

const FIELD = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

export function emptyRow(field = 'trigger.data.plan'): ConditionRow {
  return { kind: 'row', field, op: '==', value: '', type: 'text' };
}

export function literal(value: string, type: ValueType): string {
  if (type === 'number') return String(Number(value.trim()) || 0);
  if (type === 'boolean') return value.trim() === 'true' ? 'true' : 'false';
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

function rowToCel(row: ConditionRow): string {
  switch (row.op) {
    case 'exists':
      return `has(${row.field})`;
    case 'contains':
    case 'startsWith':
    case 'endsWith':
      return `${row.field}.${row.op}(${literal(row.value, 'text')})`;
    case 'in': {
      const items = row.value.split(',').map((v) => v.trim()).filter(Boolean);
      return `${row.field} in [${items.map((v) => literal(v, row.type)).join(', ')}]`;
    }
    default:
      return `${row.field} ${row.op} ${literal(row.value, row.type)}`;
  }
}

/** The CEL for a group; '' for an empty group (no condition: the step always runs). */
export function toCel(group: ConditionGroup, nested = false): string {
  const parts = group.items.map((item) => (item.kind === 'row' ? rowToCel(item) : toCel(item, true))).filter(Boolean);
  const joined = parts.join(group.join === 'and' ? ' && ' : ' || ');
  return nested && parts.length > 1 ? `(${joined})` : joined;
}

/** Problems a person can fix in the builder before the server's check (empty field, non-number value). */
export function rowProblems(row: ConditionRow): string[] {
  const problems: string[] = [];
  if (!FIELD.test(row.field)) problems.push('The field must be a path such as trigger.data.plan.');
  if (row.op !== 'exists' && row.type === 'number') {
    const values = row.op === 'in' ? row.value.split(',') : [row.value];
    if (values.some((v) => v.trim() === '' || Number.isNaN(Number(v.trim())))) problems.push('The value must be a number.');
  }
  if (row.op !== 'exists' && row.type === 'boolean' && !/^(true|false)$/.test(row.value.trim())) problems.push('The value must be true or false.');
  return problems;
}

// --- parsing ------------------------------------------------------------------------------------------------

type Token = { t: 'id' | 'str' | 'num' | 'op' | 'punct'; v: string };

function tokenize(text: string): Token[] | null {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const two = text.slice(i, i + 2);
    if (['==', '!=', '>=', '<=', '&&', '||'].includes(two)) {
      tokens.push({ t: 'op', v: two });
      i += 2;
    } else if (c === '>' || c === '<') {
      tokens.push({ t: 'op', v: c });
      i++;
    } else if ('()[],.'.includes(c)) {
      tokens.push({ t: 'punct', v: c });
      i++;
    } else if (c === "'" || c === '"') {
      let value = '';
      i++;
      while (i < text.length && text[i] !== c) {
        if (text[i] === '\\') {
          i++;
          if (i >= text.length) return null;
        }
        value += text[i];
        i++;
      }
      if (i >= text.length) return null;
      i++;
      tokens.push({ t: 'str', v: value });
    } else if (/[0-9-]/.test(c)) {
      const m = /^-?\d+(\.\d+)?/.exec(text.slice(i));
      if (!m) return null;
      tokens.push({ t: 'num', v: m[0] });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i))!;
      tokens.push({ t: 'id', v: m[0] });
      i += m[0].length;
    } else {
      return null;
    }
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.at + offset];
  }
  private take(v?: string): Token {
    const token = this.tokens[this.at];
    if (!token || (v !== undefined && token.v !== v)) throw new Error('unexpected');
    this.at++;
    return token;
  }
  private is(v: string): boolean {
    const token = this.peek();
    return token !== undefined && token.v === v && token.t !== 'str';
  }
  done(): boolean {
    return this.at === this.tokens.length;
  }

  or(): ConditionGroup | ConditionRow {
    const items = [this.and()];
    while (this.is('||')) {
      this.take();
      items.push(this.and());
    }
    return items.length === 1 ? items[0]! : { kind: 'group', join: 'or', items };
  }

  private and(): ConditionGroup | ConditionRow {
    const items = [this.atom()];
    while (this.is('&&')) {
      this.take();
      items.push(this.atom());
    }
    return items.length === 1 ? items[0]! : { kind: 'group', join: 'and', items };
  }

  private atom(): ConditionGroup | ConditionRow {
    if (this.is('(')) {
      this.take('(');
      const inner = this.or();
      this.take(')');
      return inner;
    }
    if (this.peek()?.v === 'has' && this.peek(1)?.v === '(') {
      this.take();
      this.take('(');
      const field = this.field();
      this.take(')');
      return { kind: 'row', field, op: 'exists', value: '', type: 'text' };
    }
    const path = this.path();
    const last = path[path.length - 1]!;
    if (this.is('(') && ['contains', 'startsWith', 'endsWith'].includes(last) && path.length > 1) {
      this.take('(');
      const value = this.take();
      if (value.t !== 'str') throw new Error('unexpected');
      this.take(')');
      return { kind: 'row', field: path.slice(0, -1).join('.'), op: last as Operator, value: value.v, type: 'text' };
    }
    const field = path.join('.');
    const op = this.take();
    if (op.t === 'id' && op.v === 'in') {
      this.take('[');
      const values: { v: string; type: ValueType }[] = [];
      while (!this.is(']')) {
        values.push(this.literal());
        if (!this.is(']')) this.take(',');
      }
      this.take(']');
      const types = new Set(values.map((v) => v.type));
      if (types.size > 1) throw new Error('mixed list');
      return { kind: 'row', field, op: 'in', value: values.map((v) => v.v).join(', '), type: values[0]?.type ?? 'text' };
    }
    if (op.t !== 'op' || op.v === '&&' || op.v === '||') throw new Error('unexpected');
    const value = this.literal();
    return { kind: 'row', field, op: op.v as Operator, value: value.v, type: value.type };
  }

  private path(): string[] {
    const parts = [this.take()];
    if (parts[0]!.t !== 'id') throw new Error('unexpected');
    while (this.is('.')) {
      this.take('.');
      const part = this.take();
      if (part.t !== 'id') throw new Error('unexpected');
      parts.push(part);
    }
    return parts.map((p) => p.v);
  }

  private field(): string {
    return this.path().join('.');
  }

  private literal(): { v: string; type: ValueType } {
    const token = this.take();
    if (token.t === 'str') return { v: token.v, type: 'text' };
    if (token.t === 'num') return { v: token.v, type: 'number' };
    if (token.t === 'id' && (token.v === 'true' || token.v === 'false')) return { v: token.v, type: 'boolean' };
    throw new Error('unexpected');
  }
}

/** The builder's rows for a CEL expression, or null when it uses more than the builder can show. */
export function parseCondition(cel: string | null | undefined): ConditionGroup | null {
  if (!cel || cel.trim() === '') return { kind: 'group', join: 'and', items: [] };
  const tokens = tokenize(cel);
  if (!tokens) return null;
  const parser = new Parser(tokens);
  try {
    const tree = parser.or();
    if (!parser.done()) return null;
    return tree.kind === 'group' ? tree : { kind: 'group', join: 'and', items: [tree] };
  } catch {
    return null;
  }
}
