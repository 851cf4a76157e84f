/**
 * Writes each HTTP exchange a connector made to the ledger, redacted: credential headers and OAuth token fields
 * in bodies become markers, and any known secret value is scrubbed from URLs and bodies. Large bodies are kept up
 * to a limit, with the full body's SHA-256 and length, so nothing is silently dropped.
 */
import { createHash } from 'node:crypto';
import type { HeaderMap, HttpExchange, ExchangeSink } from '../connectors/recording';
import type { GroupCommit } from '../../db/group-commit';
import type { Ledger } from '../ledger/ledger';
import { redactCredentialFields, redactHeaders, type SecretScrubber } from '../ledger/redaction';

/** Bodies up to this size are kept inline. @default 256 KiB */
export const INLINE_BODY_BYTES = 256 * 1024;

interface RecordedBody {
  text: string;
  encoding: 'utf8' | 'base64';
  bytes: number;
  sha256: string;
  truncated: boolean;
}

/** Exchanges are group-committed: one HTTP call is not worth an fsync of its own. */
export function createExchangeLog(ledger: Ledger, scrubber: SecretScrubber, commits: GroupCommit, onError: (error: unknown) => void, redactText: (text: string) => string = (t) => t): ExchangeSink {
  const body = (buffer: Buffer): RecordedBody => {
    const kept = buffer.subarray(0, INLINE_BODY_BYTES);
    const utf8 = kept.toString('utf8');
    const isText = Buffer.from(utf8, 'utf8').equals(kept);
    return {
      text: isText ? scrubber.scrub(redactCredentialFields(redactText(utf8))) : kept.toString('base64'),
      encoding: isText ? 'utf8' : 'base64',
      bytes: buffer.length,
      sha256: createHash('sha256').update(buffer).digest('hex'),
      truncated: buffer.length > INLINE_BODY_BYTES,
    };
  };
  const headers = (h: HeaderMap) => {
    const redacted = redactHeaders(h);
    const out: HeaderMap = {};
    for (const [k, v] of Object.entries(redacted)) {
      if (v !== undefined) out[k] = Array.isArray(v) ? v.map((x) => scrubber.scrub(x)) : scrubber.scrub(v);
    }
    return out;
  };
  return {
    record(exchange: HttpExchange) {
      try {
        const entry = {
          kind: 'http.exchange',
          at: exchange.startedAt,
          connector: exchange.connector,
          runId: exchange.origin?.runId ?? null,
          stepId: exchange.origin?.stepId ?? null,
          attemptId: exchange.origin?.attemptId ?? null,
          payload: {
            durationMs: exchange.durationMs,
            idempotencyKey: exchange.origin?.idempotencyKey ?? null,
            request: {
              method: exchange.request.method,
              url: scrubber.scrub(exchange.request.url),
              headers: headers(exchange.request.headers),
              body: body(exchange.request.body),
            },
            response: exchange.response && {
              status: exchange.response.status,
              headers: headers(exchange.response.headers),
              body: body(exchange.response.body),
            },
            error: exchange.error && scrubber.scrub(exchange.error),
          },
        } as const;
        commits.add(() => ledger.append(entry));
      } catch (error) {
        onError(error);
      }
    },
  };
}
