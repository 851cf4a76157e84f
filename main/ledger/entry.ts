/**
 * What a ledger entry is, and how its hash is computed. The hash covers every column but `hash` itself, in
 * RFC 8785 canonical form, so a change to any byte of a stored entry breaks the chain at that entry.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export type LedgerKind =
  | 'delivery.accepted'
  | 'delivery.duplicate'
  | 'delivery.rejected'
  | 'run.created'
  | 'run.status'
  | 'step.status'
  | 'attempt.started'
  | 'attempt.finished'
  | 'http.exchange'
  | 'operator.action'
  | 'breaker.changed'
  | 'notification.sent'
  | 'config.changed';

/** What a caller appends; the ledger assigns `seq`, `at` (when not given), `prevHash` and `hash`. */
export interface NewLedgerEntry {
  kind: LedgerKind;
  at?: number;
  runId?: string | null;
  stepId?: string | null;
  attemptId?: string | null;
  clientKey?: string | null;
  connector?: string | null;
  endpointSlug?: string | null;
  payload: unknown;
}

/** A stored entry exactly as its columns hold it. `payload` is canonical JSON text. */
export interface LedgerRow {
  seq: number;
  at: number;
  kind: string;
  runId: string | null;
  stepId: string | null;
  attemptId: string | null;
  clientKey: string | null;
  connector: string | null;
  endpointSlug: string | null;
  payload: string;
  prevHash: string;
  hash: string;
}

/** The hash of the (empty) entry before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new Error('ledger payloads must be JSON values');
  return text;
}

export function entryHash(row: Omit<LedgerRow, 'hash'>): string {
  const canonical = canonicalJson({
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    runId: row.runId,
    stepId: row.stepId,
    attemptId: row.attemptId,
    clientKey: row.clientKey,
    connector: row.connector,
    endpointSlug: row.endpointSlug,
    payload: row.payload,
    prevHash: row.prevHash,
  });
  return createHash('sha256').update(canonical).digest('hex');
}
