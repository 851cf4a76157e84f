/**
 * Google's partial-response `fields` parameter: `id,name`, `files(id,appProperties),nextPageToken`,
 * `user/emailAddress`, `*`. Drive v3 returns only a few fields unless asked, so connectors depend on getting
 * this right; an unknown field is a 400 "Invalid field selection", as Google answers.
 */

export class FieldSelectionError extends Error {}

/** A parsed selection: `true` selects the whole value. */
export type FieldTree = Map<string, FieldTree | true>;
/** Which names exist: `true` means anything below is allowed. */
export type FieldSchema = { [name: string]: FieldSchema | true };

export function parseFields(spec: string): FieldTree {
  let pos = 0;
  const src = spec.replace(/\s+/g, '');
  const parseList = (closing: string | undefined): FieldTree => {
    const tree: FieldTree = new Map();
    for (;;) {
      const m = /^[A-Za-z0-9_*]+/.exec(src.slice(pos));
      if (!m) throw new FieldSelectionError(`Invalid field selection ${src.slice(pos) || spec}`);
      pos += m[0].length;
      const path = [m[0]];
      while (src[pos] === '/') {
        pos++;
        const seg = /^[A-Za-z0-9_*]+/.exec(src.slice(pos));
        if (!seg) throw new FieldSelectionError(`Invalid field selection ${spec}`);
        pos += seg[0].length;
        path.push(seg[0]);
      }
      let leaf: FieldTree | true = true;
      if (src[pos] === '(') {
        pos++;
        leaf = parseList(')');
      }
      insert(tree, path, leaf);
      if (src[pos] === ',') {
        pos++;
        continue;
      }
      if (closing !== undefined) {
        if (src[pos] !== closing) throw new FieldSelectionError(`Invalid field selection ${spec}`);
        pos++;
      }
      return tree;
    }
  };
  const tree = parseList(undefined);
  if (pos !== src.length) throw new FieldSelectionError(`Invalid field selection ${spec}`);
  return tree;
}

function insert(tree: FieldTree, path: string[], leaf: FieldTree | true): void {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) {
    const existing = tree.get(head);
    if (existing === true || leaf === true) tree.set(head, true);
    else if (existing) for (const [k, v] of leaf) insert(existing, [k], v);
    else tree.set(head, leaf);
    return;
  }
  let child = tree.get(head);
  if (child === true) return;
  if (!child) tree.set(head, (child = new Map()));
  insert(child, rest, leaf);
}

export function validateFields(tree: FieldTree, schema: FieldSchema, prefix = ''): void {
  for (const [name, sub] of tree) {
    if (name === '*') continue;
    const known = Object.hasOwn(schema, name) ? schema[name] : undefined;
    if (known === undefined) throw new FieldSelectionError(`Invalid field selection ${prefix}${name}`);
    if (sub !== true && known !== true) validateFields(sub, known, `${prefix}${name}/`);
  }
}

/** Keeps only the selected parts of a response; arrays are selected element by element. */
export function applyFields(value: unknown, tree: FieldTree | true): unknown {
  if (tree === true || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => applyFields(v, tree));
  const source = value as Record<string, unknown>;
  if (tree.get('*') === true) return source;
  const out: Record<string, unknown> = {};
  for (const [name, sub] of tree) {
    if (Object.hasOwn(source, name)) out[name] = applyFields(source[name], sub);
  }
  return out;
}
