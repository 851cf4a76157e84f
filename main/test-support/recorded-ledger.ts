/**
 * The production recording path for connector tests: a sink that writes each exchange to a real ledger through
 * the exchange log (header and body redaction, the secret scrubber), and a way to read back what the ledger holds.
 * `redact` applies the same rules to what a fake received, so a test can compare the two byte for byte.
 */
import { GroupCommit } from '../../db/group-commit';
import type { ExchangeSink } from '../connectors/recording';
import { createExchangeLog } from '../core/exchange-log';
import { Ledger } from '../ledger/ledger';
import { redactCredentialFields, redactHeaders, SecretScrubber } from '../ledger/redaction';
import { tempStore } from './temp-store';

export interface RecordedBodyRow {
  text: string;
  encoding: 'utf8' | 'base64';
  bytes: number;
  sha256: string;
  truncated: boolean;
}

export interface RecordedExchangeRow {
  connector: string;
  runId: string | null;
  attemptId: string | null;
  request: { method: string; url: string; headers: Record<string, string | string[]>; body: RecordedBodyRow };
  response: { status: number; headers: Record<string, string | string[]>; body: RecordedBodyRow } | null;
  error: string | null;
}

export function recordedLedger() {
  const store = tempStore();
  const ledger = new Ledger(store.sqlite);
  const scrubber = new SecretScrubber();
  const commits = new GroupCommit(store.sqlite);
  const sink: ExchangeSink = createExchangeLog(ledger, scrubber, commits, (error) => {
    throw error;
  });
  return {
    sink,
    /** A credential the connectors use, as providers.ts tells the scrubber. */
    remember: (secret: string) => scrubber.remember(secret),
    /** A body as the ledger would keep it. */
    redact: (text: string) => scrubber.scrub(redactCredentialFields(text)),
    redactHeaders: (headers: Record<string, string | string[] | undefined>) => redactHeaders(headers),
    /** Every exchange the ledger holds for a connector, oldest first. */
    exchanges(connector: string): RecordedExchangeRow[] {
      commits.flush();
      const rows = store.sqlite.prepare("SELECT connector, run_id AS runId, attempt_id AS attemptId, payload FROM ledger_entries WHERE kind = 'http.exchange' AND connector = ? ORDER BY seq").all(connector) as {
        connector: string; runId: string | null; attemptId: string | null; payload: string;
      }[];
      return rows.map((r) => ({ connector: r.connector, runId: r.runId, attemptId: r.attemptId, ...(JSON.parse(r.payload) as Omit<RecordedExchangeRow, 'connector' | 'runId' | 'attemptId'>) }));
    },
    cleanup: () => store.cleanup(),
  };
}
