/**
 * Drive v3's search language for `files.list?q=`: terms such as `name = 'x'`, `mimeType != 'y'`,
 * `trashed = false`, `'<folderId>' in parents`, `appProperties has { key='k' and value='v' }`, combined with
 * `and`, `or`, `not` and parentheses. Parsed into a predicate; anything unsupported is a 400 "Invalid Value",
 * as Drive answers for a query it cannot read.
 */

export class DriveQueryError extends Error {}

export interface DriveFileView {
  id: string;
  name: string;
  mimeType: string;
  trashed: boolean;
  starred: boolean;
  parents: string[];
  description?: string;
  createdTime: string;
  modifiedTime: string;
  appProperties: Record<string, string>;
  properties: Record<string, string>;
  /** Email addresses by role, for `'x' in owners|writers|readers`. */
  owners: string[];
  writers: string[];
  readers: string[];
}

type Predicate = (f: DriveFileView) => boolean;
type Token = { t: 'str'; v: string } | { t: 'word'; v: string } | { t: 'op'; v: string } | { t: 'punct'; v: string };

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i] as string;
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "'" || ch === '"') {
      let v = '';
      i++;
      while (i < src.length && src[i] !== ch) {
        if (src[i] === '\\' && i + 1 < src.length) i++;
        v += src[i];
        i++;
      }
      if (i >= src.length) throw new DriveQueryError('unterminated string');
      i++;
      out.push({ t: 'str', v });
    } else if ('(){}'.includes(ch)) {
      out.push({ t: 'punct', v: ch });
      i++;
    } else if (/[=!<>]/.test(ch)) {
      const two = src.slice(i, i + 2);
      const op = ['!=', '<=', '>='].includes(two) ? two : ch;
      if (op === '!') throw new DriveQueryError('unexpected !');
      out.push({ t: 'op', v: op });
      i += op.length;
    } else {
      const m = /^[A-Za-z0-9_.:-]+/.exec(src.slice(i));
      if (!m) throw new DriveQueryError(`unexpected character ${ch}`);
      out.push({ t: 'word', v: m[0] });
      i += m[0].length;
    }
  }
  return out;
}

export function parseDriveQuery(q: string): Predicate {
  const tokens = tokenize(q);
  let pos = 0;
  const peek = () => tokens[pos];
  const isWord = (w: string) => {
    const t = peek();
    return t?.t === 'word' && t.v.toLowerCase() === w;
  };
  const expect = (t: Token['t'], v?: string): Token => {
    const tok = tokens[pos];
    if (!tok || tok.t !== t || (v !== undefined && tok.v.toLowerCase() !== v)) throw new DriveQueryError(`expected ${v ?? t}`);
    pos++;
    return tok;
  };

  const orExpr = (): Predicate => {
    const parts = [andExpr()];
    while (isWord('or')) {
      pos++;
      parts.push(andExpr());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (f) => parts.some((p) => p(f));
  };
  const andExpr = (): Predicate => {
    const parts = [unary()];
    while (isWord('and')) {
      pos++;
      parts.push(unary());
    }
    return parts.length === 1 ? (parts[0] as Predicate) : (f) => parts.every((p) => p(f));
  };
  const unary = (): Predicate => {
    if (isWord('not')) {
      pos++;
      const inner = unary();
      return (f) => !inner(f);
    }
    const t = peek();
    if (t?.t === 'punct' && t.v === '(') {
      pos++;
      const inner = orExpr();
      expect('punct', ')');
      return inner;
    }
    return term();
  };
  const term = (): Predicate => {
    const first = tokens[pos++];
    if (!first) throw new DriveQueryError('unexpected end of query');
    if (first.t === 'str') {
      // 'value' in parents|owners|writers|readers
      expect('word', 'in');
      const field = expect('word').v;
      const value = first.v;
      switch (field) {
        case 'parents':
          return (f) => f.parents.includes(value);
        case 'owners':
          return (f) => f.owners.includes(value);
        case 'writers':
          return (f) => f.owners.includes(value) || f.writers.includes(value);
        case 'readers':
          return (f) => f.owners.includes(value) || f.writers.includes(value) || f.readers.includes(value);
        default:
          throw new DriveQueryError(`unsupported collection ${field}`);
      }
    }
    if (first.t !== 'word') throw new DriveQueryError('expected a field');
    const field = first.v;
    if (field === 'appProperties' || field === 'properties') {
      expect('word', 'has');
      expect('punct', '{');
      expect('word', 'key');
      expect('op', '=');
      const key = expect('str').v;
      expect('word', 'and');
      expect('word', 'value');
      expect('op', '=');
      const value = expect('str').v;
      expect('punct', '}');
      return (f) => {
        const props = field === 'appProperties' ? f.appProperties : f.properties;
        return Object.hasOwn(props, key) && props[key] === value;
      };
    }
    const opTok = tokens[pos++];
    if (!opTok || !(opTok.t === 'op' || (opTok.t === 'word' && opTok.v === 'contains'))) throw new DriveQueryError('expected an operator');
    const op = opTok.v;
    const valTok = tokens[pos++];
    if (!valTok) throw new DriveQueryError('expected a value');
    return comparison(field, op, valTok);
  };

  const result = orExpr();
  if (pos !== tokens.length) throw new DriveQueryError('unexpected trailing input');
  return result;
}

function comparison(field: string, op: string, tok: Token): Predicate {
  const str = () => {
    if (tok.t !== 'str') throw new DriveQueryError(`${field} needs a quoted value`);
    return tok.v;
  };
  const bool = () => {
    if (tok.t !== 'word' || !['true', 'false'].includes(tok.v)) throw new DriveQueryError(`${field} needs true or false`);
    return tok.v === 'true';
  };
  const eqOnly = (get: (f: DriveFileView) => boolean, v: boolean): Predicate => {
    if (op === '=') return (f) => get(f) === v;
    if (op === '!=') return (f) => get(f) !== v;
    throw new DriveQueryError(`operator ${op} not supported for ${field}`);
  };
  switch (field) {
    case 'name':
    case 'mimeType': {
      const v = str();
      const get = (f: DriveFileView) => (field === 'name' ? f.name : f.mimeType);
      if (op === '=') return (f) => get(f) === v;
      if (op === '!=') return (f) => get(f) !== v;
      // Drive's `contains` on names matches word prefixes; a case-insensitive substring is close enough here.
      if (op === 'contains') return (f) => get(f).toLowerCase().includes(v.toLowerCase());
      break;
    }
    case 'fullText': {
      const v = str().toLowerCase();
      if (op === 'contains') return (f) => `${f.name} ${f.description ?? ''}`.toLowerCase().includes(v);
      break;
    }
    case 'trashed':
      return eqOnly((f) => f.trashed, bool());
    case 'starred':
      return eqOnly((f) => f.starred, bool());
    case 'createdTime':
    case 'modifiedTime': {
      const v = Date.parse(str());
      if (Number.isNaN(v)) throw new DriveQueryError(`${field} needs an RFC 3339 time`);
      const get = (f: DriveFileView) => Date.parse(field === 'createdTime' ? f.createdTime : f.modifiedTime);
      const ops: Record<string, (a: number) => boolean> = {
        '=': (a) => a === v, '!=': (a) => a !== v, '<': (a) => a < v, '<=': (a) => a <= v, '>': (a) => a > v, '>=': (a) => a >= v,
      };
      const cmp = ops[op];
      if (cmp) return (f) => cmp(get(f));
      break;
    }
    default:
      throw new DriveQueryError(`unsupported field ${field}`);
  }
  throw new DriveQueryError(`operator ${op} not supported for ${field}`);
}
