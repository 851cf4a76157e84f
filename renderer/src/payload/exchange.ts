/** An exchange as one plain value (bodies parsed), for the tree, "copy JSON" and the diff between attempts. */
import type { ExchangeView } from '../../../preload/api';
import { bodyValue, headerValue, parseBody } from './body';

export function exchangeValue(exchange: ExchangeView): Record<string, unknown> {
  const { request, response } = exchange;
  return {
    request: {
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: bodyValue(parseBody(request.body, headerValue(request.headers, 'content-type'))),
    },
    response: response
      ? {
          status: response.status,
          headers: response.headers,
          body: bodyValue(parseBody(response.body, headerValue(response.headers, 'content-type'))),
        }
      : null,
    error: exchange.error,
  };
}

/** Headers that differ on every request whatever happened (dates, request ids): hidden from the diff by default. */
export const NOISY_HEADERS = /(^|\.)(headers\.(date|request-id|x-request-id|x-stripe-client-telemetry|idempotency-key|x-slack-req-id|etag))$/i;
