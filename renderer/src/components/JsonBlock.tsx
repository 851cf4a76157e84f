import { prettyJson } from '../format/json';

/**
 * An expandable, pretty-printed JSON value; closed by default so long payloads do not bury the timeline. The
 * <pre> takes focus so a keyboard can scroll it, and is a named region because a plain <pre> may not carry a name.
 */
export function JsonBlock({ label, value, open = false }: { label: string; value: unknown; open?: boolean }) {
  return (
    <details className="json-block" open={open}>
      <summary>{label}</summary>
      <pre tabIndex={0} role="region" aria-label={label}>
        <code>{prettyJson(value)}</code>
      </pre>
    </details>
  );
}
