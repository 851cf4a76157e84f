import { statusLabel, statusTone, type AnyStatus } from '../format/status';

/** Colour plus words: the text carries the meaning, the colour only helps scanning. */
export function StatusPill({ status }: { status: AnyStatus }) {
  return (
    <span className={`pill tone-${statusTone(status)}`} data-status={status}>
      <span className="pill-dot" aria-hidden="true" />
      {statusLabel(status)}
    </span>
  );
}
