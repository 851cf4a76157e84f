/**
 * Any other HTTP API, through got with its retries off. The step's idempotency key is sent as
 * `Idempotency-Key` (the IETF draft header many APIs accept); a receiver that ignores it is no worse off.
 */
import got, { HTTPError, RequestError } from 'got';
import { z } from 'zod';
import type { Connector } from '../connector';
import { classifyHttpStatus, classifyNetworkError, describeError, type StepFailure } from '../failure';
import { RecordingHttpAgent, RecordingHttpsAgent, type ExchangeSink } from '../recording';

export function createHttpConnector(sink: ExchangeSink): Connector {
  const client = got.extend({
    retry: { limit: 0 },
    throwHttpErrors: true,
    agent: { http: new RecordingHttpAgent('http', sink), https: new RecordingHttpsAgent('http', sink) },
    timeout: { request: 60_000 },
  });

  return {
    id: 'http',
    title: 'HTTP',
    actions: {
      request: {
        title: 'Send an HTTP request',
        input: z.object({
          method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST'),
          url: z.url({ protocol: /^https?$/ }),
          headers: z.record(z.string(), z.string()).default({}),
          body: z.unknown().optional(),
        }),
        async run(ctx, input) {
          const response = await client(input.url, {
            method: input.method,
            headers: { 'idempotency-key': ctx.idempotencyKey, ...input.headers },
            ...(input.body !== undefined && input.method !== 'GET' && { json: input.body }),
            signal: ctx.signal,
          });
          const type = String(response.headers['content-type'] ?? '');
          let body: unknown = response.body;
          if (type.includes('json') && response.body) {
            try {
              body = JSON.parse(response.body);
            } catch {
              // Kept as text: a mislabelled body is still the provider's answer.
            }
          }
          return { status: response.statusCode, body };
        },
      },
    },
    classify: classifyHttpError,
    async testConnection() {
      return { ok: true, detail: 'The HTTP connector needs no credential; each step names its own URL.' };
    },
  };
}

export function classifyHttpError(error: unknown): StepFailure {
  if (error instanceof HTTPError) {
    const res = error.response;
    return classifyHttpStatus(res.statusCode, String(res.statusMessage ?? ''), res.headers['retry-after'] as string | undefined);
  }
  if (error instanceof RequestError) {
    if (error.code === 'ETIMEDOUT') return { kind: 'retryable', code: 'timeout', message: 'The server did not answer in time', outcomeUnknown: true };
    return classifyNetworkError(error.code, error.message) ?? { kind: 'retryable', code: error.code.toLowerCase(), message: error.message, outcomeUnknown: true };
  }
  return { kind: 'permanent', code: 'unexpected', message: describeError(error) };
}
