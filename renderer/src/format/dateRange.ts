/**
 * Date inputs (`YYYY-MM-DD`, in the user's zone) to instants: a range covers whole local days, so "from the
 * 3rd to the 3rd" is that whole day. Empty or malformed ends are open.
 */
export interface InstantRange {
  from?: number;
  to?: number;
}

function localDay(value: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const d = new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isNaN(d.getTime()) ? null : d;
}

export function dayRange(from: string, to: string): InstantRange {
  const range: InstantRange = {};
  const start = localDay(from);
  const end = localDay(to);
  if (start) range.from = start.getTime();
  // The last millisecond of the `to` day (the next local midnight minus one, which handles DST days).
  if (end) range.to = new Date(end.getFullYear(), end.getMonth(), end.getDate() + 1).getTime() - 1;
  return range;
}

/** A range that ends before it starts is a mistake worth saying, not an empty result. */
export function rangeProblem(range: InstantRange): string | null {
  if (range.from !== undefined && range.to !== undefined && range.to < range.from) return 'The end date is before the start date.';
  return null;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
