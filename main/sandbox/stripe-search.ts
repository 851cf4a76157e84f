/**
 * Stripe's Search Query Language, for `GET /v1/customers/search`: clauses like `email:'a@b.c'`,
 * `metadata['contract_id']:'k1'`, `name~'acme'`, `created>1700000000`, `-email:'x'` (negation), joined by `AND`
 * or by `OR` (Stripe refuses a mix of both). The onboarding connector reconciles a crashed "create customer"
 * by searching for its contract id in metadata, so this is the part that has to be right.
 */

export class SearchQueryError extends Error {}

type Operator = ':' | '~' | '>' | '<' | '>=' | '<=';

export interface SearchClause {
  negated: boolean;
  /** `email`, `name`, `phone`, `created`, or `metadata` with `key`. */
  field: string;
  key?: string;
  op: Operator;
  value: string;
}

export interface ParsedQuery {
  join: 'AND' | 'OR';
  clauses: SearchClause[];
}

const FIELDS = new Set(['email', 'name', 'phone', 'created', 'metadata']);

export function parseSearchQuery(query: string): ParsedQuery {
  const src = query.trim();
  if (!src) throw new SearchQueryError('The query cannot be empty.');
  let pos = 0;
  const clauses: SearchClause[] = [];
  const joins = new Set<'AND' | 'OR'>();

  const skipSpace = () => {
    while (pos < src.length && /\s/.test(src[pos] as string)) pos++;
  };
  const fail = (what: string): never => {
    throw new SearchQueryError(`Invalid query at position ${pos}: ${what}. See https://stripe.com/docs/search#search-query-language.`);
  };
  const readQuoted = (): string => {
    const quote = src[pos];
    if (quote !== "'" && quote !== '"') return fail('expected a quoted string');
    pos++;
    let out = '';
    while (pos < src.length && src[pos] !== quote) {
      if (src[pos] === '\\' && pos + 1 < src.length) pos++;
      out += src[pos];
      pos++;
    }
    if (src[pos] !== quote) fail('unterminated string');
    pos++;
    return out;
  };

  for (;;) {
    skipSpace();
    const negated = src[pos] === '-';
    if (negated) pos++;
    const fieldMatch = /^[a-z_]+/.exec(src.slice(pos));
    if (!fieldMatch) fail('expected a field name');
    const field = fieldMatch![0];
    pos += field.length;
    if (!FIELDS.has(field)) {
      throw new SearchQueryError(
        `Field \`${field}\` is an unsupported search field for resource \`customers\`. See http://stripe.com/docs/search#query-fields-for-customers for a list of supported fields.`,
      );
    }
    let key: string | undefined;
    if (field === 'metadata') {
      if (src[pos] !== '[') fail("expected metadata['key']");
      pos++;
      key = readQuoted();
      if (src[pos] !== ']') fail("expected ']'");
      pos++;
    }
    const opMatch = /^(>=|<=|:|~|>|<)/.exec(src.slice(pos));
    if (!opMatch) fail('expected an operator (:, ~, >, <, >=, <=)');
    const op = opMatch![0] as Operator;
    pos += op.length;
    let value: string;
    if (src[pos] === "'" || src[pos] === '"') value = readQuoted();
    else {
      const bare = /^[^\s]+/.exec(src.slice(pos));
      if (!bare) fail('expected a value');
      value = bare![0];
      pos += value.length;
      if (field !== 'created' && value !== 'null') fail('string values must be quoted');
    }
    if (op === '~' && value.length < 3) throw new SearchQueryError('Substring matching (~) requires at least 3 characters.');
    const allowed: Operator[] = field === 'created' ? [':', '>', '<', '>=', '<='] : field === 'metadata' ? [':'] : [':', '~'];
    if (!allowed.includes(op)) throw new SearchQueryError(`The \`${op}\` operator is not supported for the \`${field}\` field.`);
    clauses.push({ negated, field, key, op, value });
    skipSpace();
    if (pos >= src.length) break;
    const joinMatch = /^(AND|OR)\s/.exec(src.slice(pos));
    if (!joinMatch) fail('expected AND or OR between clauses');
    joins.add(joinMatch![1] as 'AND' | 'OR');
    pos += 3;
  }
  if (joins.size > 1) throw new SearchQueryError('Queries cannot mix AND and OR. Use one or the other.');
  if (clauses.length > 10) throw new SearchQueryError('Queries can contain at most 10 clauses.');
  return { join: joins.has('OR') ? 'OR' : 'AND', clauses };
}

export function matchesQuery(customer: Record<string, unknown>, query: ParsedQuery): boolean {
  const results = query.clauses.map((c) => matchClause(customer, c) !== c.negated);
  return query.join === 'AND' ? results.every(Boolean) : results.some(Boolean);
}

function matchClause(customer: Record<string, unknown>, c: SearchClause): boolean {
  if (c.field === 'created') {
    const created = Number(customer.created);
    const v = Number(c.value);
    if (Number.isNaN(v)) return false;
    switch (c.op) {
      case '>':
        return created > v;
      case '<':
        return created < v;
      case '>=':
        return created >= v;
      case '<=':
        return created <= v;
      default:
        return created === v;
    }
  }
  const metadata = (customer.metadata ?? {}) as Record<string, string>;
  const raw =
    c.field === 'metadata'
      ? Object.hasOwn(metadata, c.key ?? '') ? metadata[c.key ?? ''] : undefined
      : (customer[c.field] as string | null | undefined);
  if (c.value === 'null') return raw === undefined || raw === null || raw === '';
  if (raw === undefined || raw === null) return false;
  // Stripe matches field values case-insensitively; metadata values are matched exactly.
  const fold = c.field !== 'metadata';
  const have = fold ? String(raw).toLowerCase() : String(raw);
  const want = fold ? c.value.toLowerCase() : c.value;
  return c.op === '~' ? have.includes(want) : have === want;
}
