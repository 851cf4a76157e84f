/**
 * The entry columns of the CSV export (and of the XLSX Entries sheet): a contract with accountants' tools.
 * Columns are only ever added at the end, never renamed, removed or reordered; EXPORT.md documents each.
 * Version 1.
 */
import type { ScopedEntry } from './export-scope';
import { formatMinor, stripeMoney, type MoneyCall, type RecordedExchange } from './money';

export const EXPORT_COLUMNS = [
  'seq', 'at', 'kind', 'summary', 'client', 'workflow_id', 'run_id', 'step_id', 'attempt_id', 'connector',
  'endpoint_slug', 'status', 'http_method', 'http_url', 'http_status', 'duration_ms', 'idempotency_key', 'amount',
  'currency', 'amount_minor', 'client_key', 'at_ms', 'payload', 'prev_hash', 'hash',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportRecord = Record<ExportColumn, string | number | null>;

export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** The money in a Stripe http.exchange entry, or null (other entries, or no money). */
export function moneyOf(entry: ScopedEntry): MoneyCall | null {
  if (entry.kind !== 'http.exchange' || entry.connector !== 'stripe') return null;
  try {
    return stripeMoney(JSON.parse(entry.payload) as RecordedExchange);
  } catch {
    return null; // a payload that is not JSON is exported as it is; it has no money to show
  }
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** One line a person can read without opening the payload. */
export function summaryOf(entry: ScopedEntry, money: MoneyCall | null): string {
  const payload = (): Record<string, unknown> => {
    try {
      return JSON.parse(entry.payload) as Record<string, unknown>;
    } catch {
      return {};
    }
  };
  switch (entry.kind) {
    case 'http.exchange': {
      const outcome = entry.httpStatus ?? (payload().error as string | undefined) ?? 'no response';
      const amount = money ? ` (${money.currency} ${formatMinor(money.amountMinor, money.currency)})` : '';
      return `${entry.connector ?? 'http'}: ${entry.httpMethod ?? '?'} ${pathOf(entry.httpUrl ?? '')} -> ${outcome}${amount}`;
    }
    case 'run.status':
      return `run ${String(payload().from)} -> ${String(entry.status)}`;
    case 'step.status':
      return `step ${entry.stepId ?? '?'}: ${String(payload().from)} -> ${String(entry.status)}`;
    case 'attempt.started':
      return `attempt ${String(payload().number ?? '?')} of ${entry.stepId ?? '?'} started (${String(payload().action ?? entry.connector)})`;
    case 'attempt.finished':
      return `attempt ${String(payload().number ?? '?')} of ${entry.stepId ?? '?'} ${String(entry.status)}`;
    case 'run.created':
      return `run of ${entry.workflowId ?? String(payload().workflowId ?? '?')} created`;
    case 'operator.action': {
      const p = payload();
      return `${String(p.who ?? 'operator')}: ${String(p.action ?? 'action')}`;
    }
    case 'config.changed':
      return `configuration: ${String(payload().change ?? 'changed')}`;
    default:
      return entry.kind.startsWith('delivery.') ? `webhook ${entry.kind.slice('delivery.'.length)} on ${entry.endpointSlug ?? '?'}` : entry.kind;
  }
}

export function exportRecord(entry: ScopedEntry): ExportRecord {
  const money = moneyOf(entry);
  return {
    seq: entry.seq,
    at: isoTime(entry.at),
    kind: entry.kind,
    summary: summaryOf(entry, money),
    client: entry.client,
    workflow_id: entry.workflowId,
    run_id: entry.runId,
    step_id: entry.stepId,
    attempt_id: entry.attemptId,
    connector: entry.connector,
    endpoint_slug: entry.endpointSlug,
    status: entry.status,
    http_method: entry.httpMethod,
    http_url: entry.httpUrl,
    http_status: entry.httpStatus,
    duration_ms: entry.durationMs,
    idempotency_key: entry.idempotencyKey,
    amount: money && formatMinor(money.amountMinor, money.currency),
    currency: money?.currency ?? null,
    amount_minor: money?.amountMinor ?? null,
    client_key: entry.clientKey,
    at_ms: entry.at,
    payload: entry.payload,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}
