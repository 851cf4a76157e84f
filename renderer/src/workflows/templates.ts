/**
 * A best-effort preview of an input mapping for prefilling the "retry from here" editor when the core's dry run
 * cannot build it (it depends on earlier steps' outputs, which a dry run only has from a sample run). Only plain
 * paths (`{{ trigger.data.client.email }}`, `{{ steps.slack_channel.output.id }}`) are resolved; any other
 * expression is left as written, for the user to replace. The core still validates what is sent.
 */
const WHOLE = /^\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}$/;
const PART = /\{\{\s*([A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)\s*\}\}/g;

function lookup(context: unknown, path: string): unknown {
  let at: unknown = context;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null || !(key in at)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

export function previewMapping(mapping: unknown, context: unknown): unknown {
  if (typeof mapping === 'string') {
    const whole = WHOLE.exec(mapping);
    if (whole) {
      const value = lookup(context, whole[1]!);
      return value === undefined ? mapping : value;
    }
    return mapping.replace(PART, (text, path: string) => {
      const value = lookup(context, path);
      return value === undefined || (typeof value === 'object' && value !== null) ? text : String(value);
    });
  }
  if (Array.isArray(mapping)) return mapping.map((item) => previewMapping(item, context));
  if (typeof mapping === 'object' && mapping !== null) {
    return Object.fromEntries(Object.entries(mapping).map(([k, v]) => [k, previewMapping(v, context)]));
  }
  return mapping;
}
