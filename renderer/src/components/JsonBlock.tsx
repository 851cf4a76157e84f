import { prettyJson } from '../format/json';

/** An expandable, pretty-printed JSON value; closed by default so long payloads do not bury the timeline. */
export function JsonBlock({ label, value, open = false }: { label: string; value: unknown; open?: boolean }) {
  return (
    <details className="json-block" open={open}>
      <summary>{label}</summary>
      <pre tabIndex={0} aria-label={label}>
        <code>{prettyJson(value)}</code>
      </pre>
    </details>
  );
}
