/** Pretty JSON for payloads the core hands over as `unknown`. */
export function prettyJson(value: unknown): string {
  if (value === undefined) return '(none)';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    // Only values that crossed a JSON boundary reach here, but a cycle must not crash a view.
    return String(value);
  }
}

/** One line, cut to `max` characters: for summaries inside table cells. */
export function compactJson(value: unknown, max = 120): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
