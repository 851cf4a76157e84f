/**
 * Search in the JSON tree: keeps the branches whose key or value contains the query (case-insensitive), so a
 * long Stripe response shrinks to the lines that matter. Returns undefined when nothing matches.
 */
export function filterTree(value: unknown, query: string): unknown {
  const q = query.trim().toLowerCase();
  if (!q) return value;
  return prune(value, q);
}

function prune(value: unknown, q: string): unknown {
  if (Array.isArray(value)) {
    const kept: unknown[] = [];
    value.forEach((item) => {
      const p = prune(item, q);
      if (p !== undefined) kept.push(p);
    });
    return kept.length ? kept : undefined;
  }
  if (typeof value === 'object' && value !== null) {
    const kept: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key.toLowerCase().includes(q)) kept[key] = child;
      else {
        const p = prune(child, q);
        if (p !== undefined) kept[key] = p;
      }
    }
    return Object.keys(kept).length ? kept : undefined;
  }
  return String(value).toLowerCase().includes(q) ? value : undefined;
}
