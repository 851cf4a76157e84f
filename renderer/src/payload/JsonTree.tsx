import type { ReactNode } from 'react';

/** Strings with redaction markers show them as badges: the secret was there, and was never recorded. */
export function Redacted({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(/\[redacted:[0-9a-f]+\]/g)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <mark key={match.index} className="redacted" title="A secret was here; Keel recorded only this marker." data-testid="redaction-marker">
        {match[0]}
      </mark>,
    );
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return <>{parts}</>;
}

function Leaf({ value }: { value: unknown }) {
  if (typeof value === 'string') {
    return (
      <span className="jt-string">
        "<Redacted text={value} />"
      </span>
    );
  }
  return <span className={`jt-${value === null ? 'null' : typeof value}`}>{String(value)}</span>;
}

/** A collapsible JSON tree (native <details>: keyboard and screen readers work as for any disclosure). */
export function JsonTree({ value, name, open = true, depth = 0 }: { value: unknown; name?: string; open?: boolean; depth?: number }) {
  const label = name !== undefined && <span className="jt-key">{name}: </span>;
  if (typeof value !== 'object' || value === null) {
    return (
      <div className="jt-row">
        {label}
        <Leaf value={value} />
      </div>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  const [start, end] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="jt-row">
        {label}
        <span className="muted">{start + end}</span>
      </div>
    );
  }
  return (
    <details className="jt-node" open={open || depth < 2}>
      <summary>
        {label}
        <span className="muted">
          {start} {entries.length} {Array.isArray(value) ? 'items' : 'fields'} {end}
        </span>
      </summary>
      <div className="jt-children">
        {entries.map(([key, child]) => (
          <JsonTree key={key} name={key} value={child} open={open} depth={depth + 1} />
        ))}
      </div>
    </details>
  );
}
