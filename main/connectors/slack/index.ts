/**
 * Slack through the official Web API client, with its own retries off (its default policy retries for ~30
 * minutes). A channel create whose answer was lost, or that meets `name_taken`, adopts the existing channel.
 */
import { LogLevel, WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { Connector } from '../connector';
import { classifyHttpStatus, classifyNetworkError, describeError, type StepFailure } from '../failure';
import { recordingFetch } from '../recording';
import { clientPerCredential, type ConnectorSettings } from '../settings';

/** Metadata event type on messages Keel posts. */
const KEEL_EVENT = 'keel_step';

interface Channel {
  id: string;
  name: string;
}

export function createSlackConnector(settings: ConnectorSettings): Connector {
  const fetch = recordingFetch('slack', settings.sink);
  const client = clientPerCredential(
    (token) =>
      new WebClient(token, {
        slackApiUrl: settings.apiBase,
        retryConfig: { retries: 0 },
        rejectRateLimitedCalls: true,
        fetch,
        timeout: 60_000,
        // Failures reach the engine as classified errors; the client's own console warnings would be noise.
        logLevel: LogLevel.ERROR,
      }),
  );
  const slack = async () => client(await settings.credential());

  async function findChannel(name: string): Promise<Channel | undefined> {
    const web = await slack();
    let cursor: string | undefined;
    do {
      const page = await web.conversations.list({ limit: 200, exclude_archived: true, types: 'public_channel,private_channel', ...(cursor && { cursor }) });
      const found = page.channels?.find((c) => c.name === name);
      if (found?.id) return { id: found.id, name };
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return undefined;
  }

  const channelName = z
    .string()
    .min(1)
    .max(80)
    .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Slack channel names are lower-case letters, digits, - and _');

  return {
    id: 'slack',
    title: 'Slack',
    actions: {
      createChannel: {
        title: 'Create channel',
        input: z.object({ name: channelName, private: z.boolean().default(false) }),
        async run(_ctx, input) {
          try {
            const created = await (await slack()).conversations.create({ name: input.name, is_private: input.private });
            return { id: created.channel!.id!, name: created.channel!.name ?? input.name, adopted: false };
          } catch (error) {
            if (slackCode(error) === 'name_taken') {
              const existing = await findChannel(input.name);
              if (existing) return { ...existing, adopted: true };
            }
            throw error;
          }
        },
        async reconcile(_ctx, input) {
          const existing = await findChannel(input.name);
          return existing && { ...existing, adopted: true };
        },
      },
      inviteByEmail: {
        title: 'Invite people to a channel by email',
        input: z.object({ channel: z.string().min(1), emails: z.array(z.email()).min(1).max(100) }),
        async run(_ctx, input) {
          const web = await slack();
          const users: string[] = [];
          for (const email of input.emails) users.push((await web.users.lookupByEmail({ email })).user!.id!);
          // One person per call: Slack invites nobody when any listed user fails, and "already in channel"
          // (a repeat after a lost answer) is the outcome we wanted, so it must not block the others.
          for (const user of users) {
            try {
              await web.conversations.invite({ channel: input.channel, users: user });
            } catch (error) {
              if (slackCode(error) !== 'already_in_channel') throw error;
            }
          }
          return { channel: input.channel, users };
        },
      },
      postMessage: {
        title: 'Post a message',
        input: z.object({ channel: z.string().min(1), text: z.string().min(1).max(40_000) }),
        // Each message carries the step's idempotency key as metadata, so a post whose answer was lost can be
        // found in the channel's history instead of being sent twice.
        async run(ctx, input) {
          const posted = await (await slack()).chat.postMessage({
            channel: input.channel, text: input.text,
            metadata: { event_type: KEEL_EVENT, event_payload: { idempotency_key: ctx.idempotencyKey } },
          });
          return { channel: posted.channel ?? input.channel, ts: posted.ts ?? null };
        },
        async reconcile(ctx, input) {
          const history = await (await slack()).conversations.history({ channel: input.channel, limit: 100, include_all_metadata: true });
          const found = history.messages?.find(
            (m) => m.metadata?.event_type === KEEL_EVENT &&
              (m.metadata.event_payload as { idempotency_key?: string } | undefined)?.idempotency_key === ctx.idempotencyKey,
          );
          return found?.ts ? { channel: input.channel, ts: found.ts } : undefined;
        },
      },
    },
    classify: classifySlackError,
    async testConnection() {
      try {
        const me = await (await slack()).auth.test();
        return { ok: true, detail: `Connected to Slack workspace ${me.team ?? ''} as ${me.user ?? 'the bot'}`.trim() };
      } catch (error) {
        const code = slackCode(error);
        const failure = classifySlackError(error);
        if (code === 'invalid_auth' || code === 'not_authed' || code === 'token_revoked') return { ok: false, problem: 'bad_credential', detail: failure.message };
        if (code === 'missing_scope') return { ok: false, problem: 'missing_scope', detail: failure.message };
        if (failure.code?.startsWith('network') || failure.code === 'request_error') return { ok: false, problem: 'unreachable', detail: failure.message };
        return { ok: false, problem: 'unknown', detail: failure.message };
      }
    },
  };
}

interface SlackErrorShape {
  code?: string;
  message?: string;
  retryAfter?: number;
  statusCode?: number;
  headers?: Record<string, string>;
  data?: { error?: string; needed?: string };
  original?: { code?: string; message?: string; cause?: { code?: string } };
}

function slackCode(error: unknown): string | undefined {
  return (error as SlackErrorShape)?.data?.error;
}

/** Platform errors that clear up with time; every other platform error needs a person. */
const TRANSIENT_PLATFORM = new Set(['ratelimited', 'internal_error', 'fatal_error', 'service_unavailable', 'request_timeout']);

export function classifySlackError(error: unknown): StepFailure {
  const e = (error ?? {}) as SlackErrorShape;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { kind: 'retryable', code: 'rate_limited', message: `Slack is rate limiting: wait ${e.retryAfter ?? '?'} s`,
        ...(e.retryAfter !== undefined && { retryAfterMs: e.retryAfter * 1000 }) };
    case 'slack_webapi_platform_error': {
      const code = e.data?.error ?? 'unknown_error';
      const hint = code === 'missing_scope' ? ` (the app needs the ${e.data?.needed ?? 'right'} scope)` : '';
      return { kind: TRANSIENT_PLATFORM.has(code) ? 'retryable' : 'permanent', code, message: `Slack answered ${code}${hint}` };
    }
    case 'slack_webapi_http_error':
      return classifyHttpStatus(e.statusCode ?? 0, e.message ?? 'Slack answered with an HTTP error', e.headers?.['retry-after']);
    case 'slack_webapi_request_error': {
      const cause = e.original?.cause?.code ?? e.original?.code;
      if ((e.original as { name?: string } | undefined)?.name === 'TimeoutError' || String(e.original?.code) === '23') {
        return { kind: 'retryable', code: 'timeout', message: 'Slack did not answer in time', outcomeUnknown: true };
      }
      return classifyNetworkError(cause, e.original?.message ?? e.message ?? '') ??
        { kind: 'retryable', code: 'request_error', message: `Could not reach Slack: ${e.original?.message ?? e.message}`, outcomeUnknown: true };
    }
    default:
      // A body that stalls after the headers escapes WebClient as a bare DOMException.
      if ((error as Error)?.name === 'TimeoutError' || (error as Error)?.name === 'AbortError') {
        return { kind: 'retryable', code: 'timeout', message: 'Slack did not finish answering in time', outcomeUnknown: true };
      }
      return classifyNetworkError(e.code, describeError(error)) ?? { kind: 'permanent', code: 'unexpected', message: describeError(error) };
  }
}
