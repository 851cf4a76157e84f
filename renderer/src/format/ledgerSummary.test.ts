import { describe, expect, it } from 'vitest';
import { summarizeLedgerEntry } from './ledgerSummary';

const entry = (kind: string, payload: unknown, stepId: string | null = null, connector: string | null = null) => ({
  kind,
  payload,
  stepId,
  connector,
});

describe('summarizeLedgerEntry', () => {
  it('reads status transitions with their reason', () => {
    expect(summarizeLedgerEntry(entry('step.status', { from: 'pending', to: 'skipped', reason: 'its condition is false' }, 'drive')))
      .toBe('drive: pending → skipped — its condition is false');
    expect(summarizeLedgerEntry(entry('run.status', { from: 'running', to: 'completed' }))).toBe('run: running → completed');
  });

  it('reads attempts, with their failure', () => {
    expect(summarizeLedgerEntry(entry('attempt.started', { number: 1, action: 'stripe.createCustomer' }, 'customer')))
      .toBe('customer: attempt 1 started (stripe.createCustomer)');
    expect(summarizeLedgerEntry(entry('attempt.finished', { number: 2, status: 'failed', failure: { kind: 'retryable', message: 'HTTP 503' } }, 'slack')))
      .toBe('slack: attempt 2 failed — retryable: HTTP 503');
  });

  it('reads an HTTP exchange', () => {
    expect(summarizeLedgerEntry(entry('http.exchange', { request: { method: 'POST', url: 'https://api.stripe.com/v1/customers' }, response: { status: 200 } }, 'customer', 'stripe')))
      .toBe('stripe: POST https://api.stripe.com/v1/customers → 200');
  });

  it('falls back to compact JSON for anything it does not know', () => {
    expect(summarizeLedgerEntry(entry('operator.action', { action: 'resume' }))).toBe('{"action":"resume"}');
    expect(summarizeLedgerEntry(entry('run.status', 'odd'))).toBe('"odd"');
  });
});
