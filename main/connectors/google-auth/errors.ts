/**
 * Refusals from Google's token endpoint (`{ error, error_description }`, RFC 6749 §5.2), which surface inside a Drive
 * call when the access token is refreshed. They say the credential itself is wrong, so each names what to fix.
 */
import { classifyHttpStatus, parseRetryAfter, type StepFailure } from '../failure';

const NEXT_STEP: Record<string, string> = {
  invalid_grant: 'The sign-in was revoked or has expired, or the service-account key was deleted (or this computer\'s clock is off): sign in with Google again, or paste a current key, in Connections.',
  invalid_client: 'The OAuth client was deleted or its secret changed: sign in with Google again in Connections, with the client as it is now.',
  unauthorized_client: 'The service account may not act as that user: grant it domain-wide delegation for the Drive scope in the Google Workspace admin console, or set the key again without a user to impersonate.',
  invalid_scope: 'Google does not grant the Drive scope to this credential: check the OAuth consent screen\'s scopes, or the delegation\'s.',
};

/** The token endpoint's answer as a failure, or undefined when the error came from somewhere else. */
export function classifyTokenEndpointError(status: number, data: unknown, retryAfter?: string | null): StepFailure | undefined {
  const body = (data ?? {}) as { error?: unknown; error_description?: unknown };
  if (typeof body.error !== 'string') return undefined;
  const detail = typeof body.error_description === 'string' && body.error_description ? `${body.error}: ${body.error_description}` : body.error;
  const code = `oauth_${body.error}`;
  if (status === 429 || status >= 500) {
    const retryAfterMs = parseRetryAfter(retryAfter);
    // The token request failed, so the Drive call it was for never left: nothing can have happened there.
    return { kind: 'retryable', code, status, message: `Google's token endpoint is unavailable (HTTP ${status}, ${detail})`, ...(retryAfterMs !== undefined && { retryAfterMs }) };
  }
  const next = NEXT_STEP[body.error] ?? 'Check the Google credential in Connections.';
  return { ...classifyHttpStatus(status, detail, retryAfter, code), kind: 'permanent', message: `Google's token endpoint refused Keel's credential (${detail}). ${next}` };
}

/** How a connection test names a token-endpoint refusal. */
export function tokenProblem(code: string): 'bad_credential' | 'missing_scope' | 'unknown' {
  if (code === 'oauth_unauthorized_client' || code === 'oauth_invalid_scope') return 'missing_scope';
  return code.startsWith('oauth_') ? 'bad_credential' : 'unknown';
}
