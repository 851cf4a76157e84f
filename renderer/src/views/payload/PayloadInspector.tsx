import { useEffect, useMemo, useState } from 'react';
import type { ConsoleError, ExchangeView, RunDetail } from '../../../../preload/api';
import { CopyButton } from '../../components/CopyButton';
import { DiffTable } from '../../components/DiffTable';
import { Loading } from '../../components/Loading';
import { Problem } from '../../components/Problem';
import { Timestamp } from '../../components/Timestamp';
import { prettyJson } from '../../format/json';
import { formatDuration } from '../../format/time';
import { api } from '../../keel';
import { buildCurl } from '../../payload/curl';
import { diffJson } from '../../payload/diff';
import { exchangeValue, NOISY_HEADERS } from '../../payload/exchange';
import { JsonTree, Redacted } from '../../payload/JsonTree';
import { filterTree } from '../../payload/search';

function useExchanges(detail: RunDetail) {
  const [exchanges, setExchanges] = useState<ExchangeView[] | null>(null);
  const [error, setError] = useState<ConsoleError | null>(null);
  const runId = detail.run.id;
  // Refetch when the run gains attempts or changes state: that is when new exchanges can exist.
  const version = `${detail.run.updatedAt}/${detail.attempts.length}/${detail.attempts.filter((a) => a.finishedAt !== null).length}`;
  const [reload, setReload] = useState(0);
  useEffect(() => {
    let live = true;
    void api.listExchanges({ runId }).then((result) => {
      if (!live) return;
      if (result.ok) {
        setExchanges(result.value);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [runId, version, reload]);
  return { exchanges, error, retry: () => setReload((n) => n + 1) };
}

/** Every HTTP request a run's connectors made and what came back, as recorded at the wire (secrets redacted). */
export function PayloadInspector({ detail, focusStepId }: { detail: RunDetail; focusStepId: string | null }) {
  const { exchanges, error, retry } = useExchanges(detail);
  const [selected, setSelected] = useState<number | null>(null);
  const [compare, setCompare] = useState<number | null>(null);
  const [raw, setRaw] = useState(false);
  const [query, setQuery] = useState('');
  const [hideNoise, setHideNoise] = useState(true);

  const names = new Map(detail.steps.map((s) => [s.stepId, s.name]));
  const attemptNumber = new Map(detail.attempts.map((a) => [a.id, a.number]));
  const label = (e: ExchangeView) =>
    `${names.get(e.stepId ?? '') ?? e.connector} · attempt ${attemptNumber.get(e.attemptId ?? '') ?? '?'} · ${e.request.method} ${pathOf(e.request.url)}`;

  useEffect(() => {
    if (!exchanges?.length) return;
    const ofStep = focusStepId ? exchanges.filter((e) => e.stepId === focusStepId) : [];
    const pick = ofStep[ofStep.length - 1] ?? (selected === null ? exchanges[0] : undefined);
    if (pick) setSelected(pick.seq);
    // Follow the timeline's selection; keep the user's own choice otherwise.
  }, [focusStepId, exchanges]);

  const current = exchanges?.find((e) => e.seq === selected) ?? null;
  const other = exchanges?.find((e) => e.seq === compare) ?? null;
  const value = useMemo(() => (current ? exchangeValue(current) : null), [current]);

  if (error) return <Problem title="The recorded requests could not be loaded." error={error} onRetry={retry} />;
  if (!exchanges) return <Loading>Loading recorded requests…</Loading>;
  if (exchanges.length === 0) {
    return (
      <p className="muted" data-testid="payload-empty">
        No HTTP requests recorded for this run yet. A step that fails before sending (for example, input that does not pass the
        action's schema) has no request; its error is on the step above.
      </p>
    );
  }

  const shown = value === null ? undefined : filterTree(value, query);
  const changes = current && other ? diffJson(exchangeValue(other), exchangeValue(current)).filter((c) => !hideNoise || !NOISY_HEADERS.test(c.path)) : [];
  const curl = current ? buildCurl(current) : null;

  return (
    <div className="inspector" data-testid="payload-inspector">
      <ul className="inspector-list" aria-label="Recorded requests">
        {exchanges.map((e) => (
          <li key={e.seq}>
            <button
              type="button"
              className={`inspector-item${e.seq === selected ? ' inspector-item-on' : ''}`}
              aria-pressed={e.seq === selected}
              onClick={() => setSelected(e.seq)}
              data-testid="exchange"
              data-step-id={e.stepId ?? ''}
            >
              <span className={`http-status ${statusClass(e)}`}>{e.response ? e.response.status : 'ERR'}</span>
              <span className="inspector-label">{label(e)}</span>
              <span className="muted small">{formatDuration(e.durationMs)}</span>
            </button>
          </li>
        ))}
      </ul>
      {current && value && (
        <div className="inspector-detail" data-testid="exchange-detail" data-seq={current.seq}>
          <div className="inspector-tools">
            <label className="field field-inline">
              <span className="visually-hidden">Search this request and response</span>
              <input className="input" type="search" placeholder="Search keys and values" value={query} onChange={(e) => setQuery(e.target.value)} data-testid="payload-search" />
            </label>
            <label className="check">
              <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} data-testid="payload-raw" /> Raw
            </label>
            <CopyButton text={curl!.command} label="as cURL, secrets as shell variables" caption="as cURL" testId="copy-curl" />
            <CopyButton text={prettyJson(value)} label="as JSON" caption="as JSON" testId="copy-json" />
            <label className="field field-inline">
              <span>Compare with</span>
              <select className="select" value={compare ?? ''} onChange={(e) => setCompare(e.target.value ? Number(e.target.value) : null)} data-testid="payload-compare">
                <option value="">nothing</option>
                {exchanges
                  .filter((e) => e.seq !== current.seq)
                  .map((e) => (
                    <option key={e.seq} value={e.seq}>
                      {label(e)}
                    </option>
                  ))}
              </select>
            </label>
          </div>
          <p className="small muted">
            <Timestamp ms={current.at} /> · {current.connector} · idempotency key <code>{current.idempotencyKey ?? 'none'}</code>
            {current.error && <span className="warning-text"> · {current.error}</span>}
          </p>
          {other && (
            <section className="diff" aria-label="Differences" data-testid="payload-diff">
              <h3>
                Differences from “{label(other)}” <span className="muted">({changes.length})</span>
              </h3>
              <label className="check small">
                <input type="checkbox" checked={hideNoise} onChange={(e) => setHideNoise(e.target.checked)} /> Hide headers that change on every request
              </label>
              {changes.length === 0 ? (
                <p className="muted">No differences.</p>
              ) : (
                <DiffTable changes={changes} headings={['Path', 'Before', 'After']} render={(v) => <Redacted text={short(v)} />} />
              )}
            </section>
          )}
          {raw ? (
            <div className="inspector-raw">
              <h3>Request</h3>
              <pre tabIndex={0} role="region" aria-label="Raw request" data-testid="raw-request">
                <code>
                  <Redacted text={rawRequest(current)} />
                </code>
              </pre>
              <h3>Response</h3>
              <pre tabIndex={0} role="region" aria-label="Raw response">
                <code>
                  <Redacted text={rawResponse(current)} />
                </code>
              </pre>
            </div>
          ) : shown === undefined ? (
            <p className="muted">Nothing matches “{query}”.</p>
          ) : (
            <div className="jt" data-testid="payload-tree">
              <JsonTree value={shown} open={query.trim() !== ''} />
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

function statusClass(e: ExchangeView): string {
  if (!e.response) return 'http-err';
  if (e.response.status >= 500 || e.response.status === 429) return 'http-retry';
  if (e.response.status >= 400) return 'http-err';
  return 'http-ok';
}

function short(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

function headerLines(headers: Record<string, string | string[]>): string {
  return Object.entries(headers)
    .flatMap(([k, v]) => (Array.isArray(v) ? v : [v]).map((x) => `${k}: ${x}`))
    .join('\n');
}

function rawRequest(e: ExchangeView): string {
  const body = e.request.body.encoding === 'base64' ? `(binary, ${e.request.body.bytes} bytes)` : e.request.body.text;
  return `${e.request.method} ${e.request.url}\n${headerLines(e.request.headers)}\n\n${body}${e.request.body.truncated ? '\n… (cut at the recording limit)' : ''}`;
}

function rawResponse(e: ExchangeView): string {
  if (!e.response) return e.error ?? 'No response.';
  const body = e.response.body.encoding === 'base64' ? `(binary, ${e.response.body.bytes} bytes)` : e.response.body.text;
  return `HTTP ${e.response.status}\n${headerLines(e.response.headers)}\n\n${body}${e.response.body.truncated ? '\n… (cut at the recording limit)' : ''}`;
}
