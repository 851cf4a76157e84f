/**
 * The headless shell's transport (`keel serve`): `POST /api/call/<name>` with the input as JSON, answered by a
 * Result as JSON. Auth is an HttpOnly same-origin cookie the server set when the user opened the tokened URL,
 * so a plain same-origin fetch carries it.
 */
import type { Result } from '../../../preload/api';
import { failure, isResult } from './result';
import type { Transport } from './transport';

export interface HttpTransportOptions {
  /** Prefix of the call endpoint; `/api/call/` unless tests say otherwise. */
  base?: string;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
  /** Called on HTTP 401, so the app can replace itself with the sign-in explanation. */
  onUnauthorized?: () => void;
}

export const NOT_SIGNED_IN_MESSAGE =
  'You are not signed in to this Keel. Open the URL that keel serve printed in its terminal: it carries your sign-in token.';
export const UNREACHABLE_MESSAGE =
  'Keel did not answer. Check that keel serve (or the Keel app) is still running, then retry.';

export function httpTransport(options: HttpTransportOptions = {}): Transport {
  const base = options.base ?? '/api/call/';
  return async (name, input) => {
    const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    let response: Response;
    try {
      response = await doFetch(base + encodeURIComponent(name), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        credentials: 'same-origin',
      });
    } catch {
      return failure('unavailable', UNREACHABLE_MESSAGE);
    }
    if (response.status === 401) {
      options.onUnauthorized?.();
      return failure('unavailable', NOT_SIGNED_IN_MESSAGE);
    }
    return readResult(response);
  };
}

/** Handlers answer with a Result whatever the HTTP status (a 400 still carries `invalid_input`); trust the body. */
async function readResult(response: Response): Promise<Result<unknown>> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  if (isResult(body)) return body;
  return failure(
    response.status >= 500 ? 'internal' : 'unavailable',
    `Keel answered HTTP ${response.status} without a usable result. Retry; if it keeps happening, check the terminal running keel serve.`,
  );
}
