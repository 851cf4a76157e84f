import type { RunDetail } from '../../../../preload/api';
import { formatDuration, formatLocal, formatUtc } from '../../format/time';
import { useNow } from '../../hooks/useNow';
import { axisTicks, layoutTimeline, type Segment, type StepBar } from '../../timeline/layout';

function segmentTitle(segment: Segment, name: string): string {
  const took = formatDuration(segment.end - segment.start);
  switch (segment.kind) {
    case 'wait':
      return segment.future
        ? `${name}: waiting (backoff) until ${formatLocal(segment.end)}`
        : `${name}: waited ${took} (backoff) before attempt ${segment.attempt?.number ?? ''}`;
    case 'instant':
      return `${name}: failed before any request was sent, at ${formatLocal(segment.start)}`;
    case 'attempt': {
      const a = segment.attempt!;
      const error = a.error ? ` — ${a.error.message}` : '';
      return `${name}: attempt ${a.number} ${a.status === 'in_flight' ? `in flight for ${took}` : `${a.status} after ${took}`}${error}. Started ${formatUtc(a.startedAt)}`;
    }
  }
}

const pct = (n: number) => `${Math.max(0, Math.min(100, n * 100)).toFixed(3)}%`;

/**
 * The run on a time axis: one bar per step that ran, parallel steps in their own lanes, each attempt and each
 * backoff wait a segment of its bar. Bars are buttons: Tab reaches them, Enter selects the step below.
 */
export function TimelineChart({ detail, selected, onSelect }: { detail: RunDetail; selected: string | null; onSelect: (stepId: string) => void }) {
  const live = detail.run.status === 'running';
  const now = useNow(live);
  const layout = layoutTimeline(detail.steps, detail.attempts, now);
  const span = Math.max(layout.end - layout.start, 1);
  const x = (t: number) => (t - layout.start) / span;
  const ticks = axisTicks(layout.start, layout.end);

  if (layout.bars.length === 0) {
    return (
      <p className="muted" data-testid="timeline-empty">
        Nothing has run yet. Steps appear here as bars once their first attempt starts.
      </p>
    );
  }

  /** The room a bar's button takes: up to the next bar in its lane (or the end), so its label can use it. */
  function slot(bar: StepBar): number {
    const lane = layout.lanes[bar.lane]!;
    const next = lane[lane.indexOf(bar) + 1];
    return Math.max((next ? next.start : layout.end) - bar.start, bar.end - bar.start, 1);
  }

  return (
    <div className="tl" data-testid="timeline" data-lanes={layout.lanes.length}>
      <div className="tl-axis" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} className="tl-tick" style={{ left: pct(t / span) }}>
            +{formatDuration(t)}
          </span>
        ))}
      </div>
      <ol className="tl-lanes" aria-label={`Timeline from ${formatLocal(layout.start)}, ${formatDuration(span)} long`}>
        {layout.lanes.map((lane, i) => (
          <li key={i} className="tl-lane" data-testid="timeline-lane">
            <span className="visually-hidden">Lane {i + 1}:</span>
            {lane.map((bar) => (
              <button
                key={bar.step.stepId}
                type="button"
                className={`tl-bar${selected === bar.step.stepId ? ' tl-bar-selected' : ''}`}
                style={{ left: pct(x(bar.start)), width: pct(slot(bar) / span) }}
                title={`${bar.step.name}: ${bar.step.status}`}
                data-testid="timeline-bar"
                data-step-id={bar.step.stepId}
                data-status={bar.step.status}
                aria-pressed={selected === bar.step.stepId}
                onClick={() => onSelect(bar.step.stepId)}
              >
                <span className="tl-label">
                  {bar.step.name} <span className="tl-took">{formatDuration(bar.end - bar.start)}</span>
                </span>
                <span className="tl-track" style={{ width: pct((bar.end - bar.start) / slot(bar)) }}>
                  {bar.segments.map((segment, j) => (
                    <span
                      key={j}
                      className={`tl-seg tl-${segment.kind} tl-${segment.status}${segment.future ? ' tl-future' : ''}`}
                      style={{
                        left: pct((segment.start - bar.start) / Math.max(bar.end - bar.start, 1)),
                        width: pct((segment.end - segment.start) / Math.max(bar.end - bar.start, 1)),
                      }}
                      title={segmentTitle(segment, bar.step.name)}
                      data-testid={`timeline-${segment.kind}`}
                    >
                      <span className="visually-hidden">{segmentTitle(segment, bar.step.name)}</span>
                    </span>
                  ))}
                </span>
              </button>
            ))}
          </li>
        ))}
      </ol>
      {layout.notRun.length > 0 && (
        <ul className="tl-notrun" aria-label="Steps that did not run">
          {layout.notRun.map((step) => (
            <li key={step.stepId} data-testid="timeline-notrun" data-step-id={step.stepId} data-status={step.status}>
              <button type="button" className="linklike" onClick={() => onSelect(step.stepId)}>
                {step.name}
              </button>{' '}
              <span className="muted">
                {step.status === 'skipped' ? 'skipped' : step.status === 'pending' ? 'waiting for the steps it needs' : step.status}
                {step.note ? `: ${step.note}` : ''}
              </span>
              {step.when && step.status === 'skipped' && (
                <>
                  {' '}
                  <code className="small">when {step.when}</code>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
