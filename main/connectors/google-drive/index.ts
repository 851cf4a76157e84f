/**
 * Google Drive through the official client. Drive has no idempotency keys: each folder Keel creates is tagged
 * with private `appProperties` naming its run and step, so a create whose answer was lost is found and adopted.
 *
 * The credential is any of Google's three (see ../google-auth/credential.ts); google-auth-library fetches and
 * refreshes access tokens for the sign-in and service-account kinds, and every token request is recorded like the
 * Drive calls.
 */
import { drive, type drive_v3 } from '@googleapis/drive';
import type { OAuth2Client } from 'google-auth-library';
import { z } from 'zod';
import type { ActionContext, Connector } from '../connector';
import { CredentialFormatError, type CredentialKind } from '../credential-format';
import { classifyHttpStatus, classifyNetworkError, ConnectorFailure, describeError, isConnectorFailure, parseRetryAfter, type StepFailure } from '../failure';
import { forgetAccessToken, googleAuthClient } from '../google-auth/auth-client';
import { parseGoogleCredential } from '../google-auth/credential';
import { GOOGLE_ENDPOINTS } from '../google-auth/endpoints';
import { classifyTokenEndpointError, tokenProblem } from '../google-auth/errors';
import { recordingFetch } from '../recording';
import { clientPerCredential, type ConnectorSettings } from '../settings';

const FOLDER = 'application/vnd.google-apps.folder';

interface DriveClient {
  kind: CredentialKind;
  auth: OAuth2Client;
  api: drive_v3.Drive;
}

export function createGoogleDriveConnector(settings: ConnectorSettings): Connector {
  const fetchImplementation = recordingFetch('googleDrive', settings.sink);
  const rootUrl = settings.apiBase.endsWith('/') ? settings.apiBase : `${settings.apiBase}/`;
  const authSettings = { oauth: settings.oauth ?? GOOGLE_ENDPOINTS, fetch: fetchImplementation };
  const client = clientPerCredential((value): DriveClient => {
    const credential = parseGoogleCredential(value);
    const auth = googleAuthClient(credential, authSettings);
    return { kind: credential.kind, auth, api: drive({ version: 'v3', auth, rootUrl, retry: false, fetchImplementation, timeout: 60_000 }) };
  });
  const current = async (): Promise<DriveClient> => {
    const value = await settings.credential();
    try {
      return client(value);
    } catch (error) {
      if (error instanceof CredentialFormatError) throw ConnectorFailure.permanent(`Google Drive's credential cannot be used: ${error.message}`, 'credential_invalid');
      throw error;
    }
  };
  /**
   * One Drive call. When Google refuses an access token that Keel can renew (revoked or expired early), the token
   * is dropped and the failure is retryable: the next attempt fetches a fresh one. Nothing is repeated here.
   */
  const withDrive = async <T>(call: (api: drive_v3.Drive) => Promise<T>): Promise<T> => {
    const c = await current();
    try {
      return await call(c.api);
    } catch (error) {
      const e = error as GaxiosErrorShape;
      if (c.kind !== 'token' && (e.status ?? e.response?.status) === 401 && typeof e.response?.data?.error === 'object') {
        forgetAccessToken(c.auth);
        throw new ConnectorFailure({ kind: 'retryable', code: 'access_token_refused', status: 401, message: 'Google refused the access token before it was due to expire (revoked, or expired early); the next attempt fetches a new one.' });
      }
      throw error;
    }
  };

  const tags = (ctx: ActionContext) => ({ keel_run: ctx.runId, keel_step: ctx.stepId });
  const folderInput = z.object({ name: z.string().min(1).max(255), parentId: z.string().min(1).optional() });

  return {
    id: 'googleDrive',
    title: 'Google Drive',
    actions: {
      createFolder: {
        title: 'Create folder',
        input: folderInput,
        async run(ctx, input) {
          const created = await withDrive((api) => api.files.create({
            requestBody: { name: input.name, mimeType: FOLDER, appProperties: tags(ctx), ...(input.parentId && { parents: [input.parentId] }) },
            fields: 'id,name,webViewLink',
          }));
          return { id: created.data.id!, name: created.data.name ?? input.name, url: created.data.webViewLink ?? null };
        },
        async reconcile(ctx) {
          const t = tags(ctx);
          const found = await withDrive((api) => api.files.list({
            q: `appProperties has { key='keel_run' and value='${t.keel_run}' } and appProperties has { key='keel_step' and value='${t.keel_step}' } and trashed = false`,
            fields: 'files(id,name,webViewLink)',
            pageSize: 1,
          }));
          const folder = found.data.files?.[0];
          return folder?.id ? { id: folder.id, name: folder.name ?? '', url: folder.webViewLink ?? null } : undefined;
        },
      },
      shareFolder: {
        title: 'Share with a person',
        input: z.object({
          folderId: z.string().min(1),
          email: z.email(),
          role: z.enum(['reader', 'commenter', 'writer']).default('writer'),
        }),
        // Granting the same person the same role twice leaves one permission: a repeat is harmless.
        async run(_ctx, input) {
          const permission = await withDrive((api) => api.permissions.create({
            fileId: input.folderId,
            requestBody: { type: 'user', role: input.role, emailAddress: input.email },
            sendNotificationEmail: true,
            fields: 'id,role,emailAddress',
          }));
          return { permissionId: permission.data.id!, email: input.email, role: input.role };
        },
      },
    },
    classify: classifyDriveError,
    async testConnection() {
      try {
        const c = await current();
        // A sign-in or a key is tested where it can fail: at the token endpoint, with a fresh access token.
        if (c.kind !== 'token') {
          forgetAccessToken(c.auth);
          await c.auth.getAccessToken();
        }
        const about = await c.api.about.get({ fields: 'user' });
        return { ok: true, detail: `Connected to Google Drive as ${about.data.user?.emailAddress ?? 'the account'} (${HOW[c.kind]})` };
      } catch (error) {
        const failure = classifyDriveError(error);
        if (failure.code?.startsWith('credential_')) return { ok: false, problem: 'bad_credential', detail: failure.message };
        if (failure.code?.startsWith('oauth_')) return { ok: false, problem: failure.kind === 'retryable' ? 'unreachable' : tokenProblem(failure.code), detail: failure.message };
        if (failure.status === 401) return { ok: false, problem: 'bad_credential', detail: failure.message };
        if (failure.status === 403) return { ok: false, problem: 'missing_scope', detail: failure.message };
        if (failure.status === undefined) return { ok: false, problem: 'unreachable', detail: failure.message };
        return { ok: false, problem: 'unknown', detail: failure.message };
      }
    },
  };
}

const HOW: Record<CredentialKind, string> = { token: 'with a pasted access token', oauth: 'signed in with Google', service_account: 'with a service-account key' };

interface GoogleApiError {
  message?: string;
  errors?: { reason?: string }[];
}

interface GaxiosErrorShape {
  status?: number;
  code?: string | number;
  message?: string;
  /** `error` is an object from Drive, a string (with `error_description`) from the token endpoint. */
  response?: { status?: number; headers?: { get?(name: string): string | null }; data?: { error?: string | GoogleApiError; error_description?: string } };
  cause?: { code?: string; message?: string };
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'backendError']);

export function classifyDriveError(error: unknown): StepFailure {
  if (isConnectorFailure(error)) return error.failure;
  const e = (error ?? {}) as GaxiosErrorShape;
  const status = e.status ?? e.response?.status;
  if (typeof status === 'number') {
    const fromTokenEndpoint = classifyTokenEndpointError(status, e.response?.data, e.response?.headers?.get?.('retry-after'));
    if (fromTokenEndpoint) return fromTokenEndpoint;
    const body = e.response?.data?.error as GoogleApiError | undefined;
    const reason = body?.errors?.[0]?.reason;
    const detail = body?.message ?? e.message ?? 'Google Drive refused the request';
    const retryAfter = e.response?.headers?.get?.('retry-after');
    if (status === 403 && reason && RATE_LIMIT_REASONS.has(reason)) {
      const retryAfterMs = parseRetryAfter(retryAfter);
      return { kind: 'retryable', code: reason, status, message: `Google Drive rate limit (${reason}): ${detail}`, ...(retryAfterMs !== undefined && { retryAfterMs }) };
    }
    return classifyHttpStatus(status, detail, retryAfter, reason ?? `http_${status}`);
  }
  const cause = e.cause as { code?: string; message?: string; name?: string } | undefined;
  if (cause?.name === 'AbortError' || cause?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') {
    return { kind: 'retryable', code: 'timeout', message: 'Google Drive did not answer in time', outcomeUnknown: true };
  }
  const code = e.cause?.code ?? (typeof e.code === 'string' ? e.code : undefined);
  return classifyNetworkError(code, e.cause?.message ?? describeError(error)) ??
    (/fetch failed|network/i.test(e.message ?? '')
      ? { kind: 'retryable', code: 'network_error', message: `Could not reach Google Drive: ${e.message}`, outcomeUnknown: true }
      : { kind: 'permanent', code: 'unexpected', message: describeError(error) });
}
