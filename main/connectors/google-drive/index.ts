/**
 * Google Drive through the official client. Drive has no idempotency keys: each folder Keel creates is tagged
 * with private `appProperties` naming its run and step, so a create whose answer was lost is found and adopted.
 */
import { auth, drive, type drive_v3 } from '@googleapis/drive';
import { z } from 'zod';
import type { ActionContext, Connector } from '../connector';
import { classifyHttpStatus, classifyNetworkError, describeError, parseRetryAfter, type StepFailure } from '../failure';
import { recordingFetch } from '../recording';
import { clientPerCredential, type ConnectorSettings } from '../settings';

const FOLDER = 'application/vnd.google-apps.folder';

export function createGoogleDriveConnector(settings: ConnectorSettings): Connector {
  const fetchImplementation = recordingFetch('googleDrive', settings.sink);
  const rootUrl = settings.apiBase.endsWith('/') ? settings.apiBase : `${settings.apiBase}/`;
  const client = clientPerCredential((accessToken) => {
    const oauth = new auth.OAuth2();
    oauth.setCredentials({ access_token: accessToken });
    return drive({ version: 'v3', auth: oauth, rootUrl, retry: false, fetchImplementation, timeout: 60_000 });
  });
  const gdrive = async (): Promise<drive_v3.Drive> => client(await settings.credential());

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
          const created = await (await gdrive()).files.create({
            requestBody: { name: input.name, mimeType: FOLDER, appProperties: tags(ctx), ...(input.parentId && { parents: [input.parentId] }) },
            fields: 'id,name,webViewLink',
          });
          return { id: created.data.id!, name: created.data.name ?? input.name, url: created.data.webViewLink ?? null };
        },
        async reconcile(ctx) {
          const t = tags(ctx);
          const found = await (await gdrive()).files.list({
            q: `appProperties has { key='keel_run' and value='${t.keel_run}' } and appProperties has { key='keel_step' and value='${t.keel_step}' } and trashed = false`,
            fields: 'files(id,name,webViewLink)',
            pageSize: 1,
          });
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
          const permission = await (await gdrive()).permissions.create({
            fileId: input.folderId,
            requestBody: { type: 'user', role: input.role, emailAddress: input.email },
            sendNotificationEmail: true,
            fields: 'id,role,emailAddress',
          });
          return { permissionId: permission.data.id!, email: input.email, role: input.role };
        },
      },
    },
    classify: classifyDriveError,
    async testConnection() {
      try {
        const about = await (await gdrive()).about.get({ fields: 'user' });
        return { ok: true, detail: `Connected to Google Drive as ${about.data.user?.emailAddress ?? 'the account'}` };
      } catch (error) {
        const failure = classifyDriveError(error);
        if (failure.status === 401) return { ok: false, problem: 'bad_credential', detail: failure.message };
        if (failure.status === 403) return { ok: false, problem: 'missing_scope', detail: failure.message };
        if (failure.status === undefined) return { ok: false, problem: 'unreachable', detail: failure.message };
        return { ok: false, problem: 'unknown', detail: failure.message };
      }
    },
  };
}

interface GaxiosErrorShape {
  status?: number;
  code?: string | number;
  message?: string;
  response?: { status?: number; headers?: { get?(name: string): string | null }; data?: { error?: { message?: string; errors?: { reason?: string }[] } } };
  cause?: { code?: string; message?: string };
}

const RATE_LIMIT_REASONS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'backendError']);

export function classifyDriveError(error: unknown): StepFailure {
  const e = (error ?? {}) as GaxiosErrorShape;
  const status = e.status ?? e.response?.status;
  if (typeof status === 'number') {
    const body = e.response?.data?.error;
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
