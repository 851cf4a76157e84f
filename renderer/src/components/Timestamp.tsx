import { formatLocal, formatUtc } from '../format/time';

/** Local time to read, the exact UTC instant on hover (and in `dateTime` for machines). */
export function Timestamp({ ms, empty = '—' }: { ms: number | null; empty?: string }) {
  if (ms === null) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={new Date(ms).toISOString()} title={formatUtc(ms)}>
      {formatLocal(ms)}
    </time>
  );
}
