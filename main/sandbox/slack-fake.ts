/**
 * A local Slack Web API: `POST /api/<method>` with form or JSON bodies, answered HTTP 200 `{ ok: true, … }` or
 * `{ ok: false, error }` (only rate limits use 429 + Retry-After). Channels, invites, messages (with message
 * metadata, which is how a lost `chat.postMessage` can be found again in `conversations.history`) and
 * user lookup by email, which in sandbox mode can create the user so a demo run never stalls on a stranger.
 */
import { bearerToken, FakeServer, type ErrorAction, type FakeRequest, type FakeResponse, type FakeServerOptions } from './fake-server';
import { randomString, UPPER_ALNUM, uniqueId } from './random';
import {
  decodeCursor,
  encodeCursor,
  newChannel,
  newUser,
  SlackError,
  validateChannelName,
  type SlackChannel,
  type SlackMessage,
  type SlackTeam,
  type SlackUser,
} from './slack-model';

export const SLACK_SANDBOX_TOKEN = 'xoxb-1000000000001-1000000000002-KeelSandboxBotToken0';

export interface SlackUserSpec {
  name: string;
  email: string;
  real_name?: string;
}

/** People every Slack fake knows, so tests and demos have someone to invite. */
export const SLACK_SANDBOX_USERS: readonly SlackUserSpec[] = [
  { name: 'olive', real_name: 'Olive Ops', email: 'ops@keel.example' },
  { name: 'ada', real_name: 'Ada Lovelace', email: 'ada@acme.example' },
  { name: 'grace', real_name: 'Grace Hopper', email: 'grace@globex.example' },
];

export interface SlackFakeOptions extends FakeServerOptions {
  /** The one token accepted, as a workspace's app has its own. Default: SLACK_SANDBOX_TOKEN. */
  token?: string;
  /** `users.lookupByEmail` of an unknown address creates that user instead of `users_not_found`. Default false. */
  autoCreateUsers?: boolean;
  /** Users to seed instead of `SLACK_SANDBOX_USERS`. */
  users?: SlackUserSpec[];
}

type Args = Record<string, unknown>;
type Method = (args: Args) => Record<string, unknown>;

export class SlackFake extends FakeServer {
  private readonly options: SlackFakeOptions;
  private team!: SlackTeam;
  private bot!: SlackUser;
  private botId = '';
  private appId = '';
  private userMap = new Map<string, SlackUser>();
  private channelMap = new Map<string, SlackChannel>();
  private memberMap = new Map<string, Set<string>>();
  private messageMap = new Map<string, SlackMessage[]>();
  private lastTsMicros = 0;
  private readonly methods: Record<string, Method>;

  constructor(options: SlackFakeOptions = {}) {
    super(options);
    this.options = options;
    this.resetState();
    this.methods = {
      'api.test': (a) => ({ args: a }),
      'auth.test': () => ({
        url: `https://${this.team.domain}.slack.com/`,
        team: this.team.name,
        user: this.bot.name,
        team_id: this.team.id,
        user_id: this.bot.id,
        bot_id: this.botId,
        is_enterprise_install: false,
      }),
      'conversations.create': (a) => this.create(a),
      'conversations.list': (a) => this.list(a),
      'conversations.info': (a) => ({ channel: this.render(this.channelArg(a)) }),
      'conversations.invite': (a) => this.invite(a),
      'conversations.members': (a) => ({ members: [...this.members(this.channelArg(a).id)], response_metadata: { next_cursor: '' } }),
      'conversations.history': (a) => this.history(a),
      'users.lookupByEmail': (a) => ({ user: this.lookupByEmail(a) }),
      'users.info': (a) => ({ user: this.userArg(String(a.user ?? '')) }),
      'chat.postMessage': (a) => this.post(a),
    };
  }

  /** What `new WebClient(token, { slackApiUrl })` needs. */
  get connection(): { slackApiUrl: string; token: string } {
    return { slackApiUrl: `${this.origin}/api/`, token: this.options.token ?? SLACK_SANDBOX_TOKEN };
  }

  get botUserId(): string {
    return this.bot.id;
  }
  get teamId(): string {
    return this.team.id;
  }
  channels(): SlackChannel[] {
    return [...this.channelMap.values()].map((c) => this.render(c));
  }
  channelByName(name: string): SlackChannel | undefined {
    const found = [...this.channelMap.values()].find((c) => c.name === name);
    return found && this.render(found);
  }
  /** Messages of one channel (or all), oldest first. */
  messages(channelId?: string): SlackMessage[] {
    const all = channelId ? (this.messageMap.get(channelId) ?? []) : [...this.messageMap.values()].flat();
    return all.map((m) => structuredClone(m)).sort((a, b) => Number(a.ts) - Number(b.ts));
  }
  members(channelId: string): string[] {
    return [...(this.memberMap.get(channelId) ?? [])];
  }
  users(): SlackUser[] {
    return [...this.userMap.values()];
  }
  addUser(spec: SlackUserSpec): SlackUser {
    const user = newUser(this.team, this.newId('U'), spec);
    this.userMap.set(user.id, user);
    return user;
  }

  /** A channel made by someone else, e.g. one the bot is not in (for `not_in_channel`); not counted as created. */
  addChannel(spec: { name: string; is_private?: boolean; botIsMember?: boolean; memberIds?: string[] }): SlackChannel {
    const channel = newChannel(this.team, this.newId('C'), spec.name, spec.is_private ?? false, this.bot.id);
    this.channelMap.set(channel.id, channel);
    this.memberMap.set(channel.id, new Set([...(spec.botIsMember === false ? [] : [this.bot.id]), ...(spec.memberIds ?? [])]));
    this.messageMap.set(channel.id, []);
    return this.render(channel);
  }

  protected resetState(): void {
    this.userMap = new Map();
    this.channelMap = new Map();
    this.memberMap = new Map();
    this.messageMap = new Map();
    this.lastTsMicros = 0;
    this.team = { id: this.newId('T'), name: 'Keel Sandbox', domain: 'keel-sandbox' };
    this.botId = this.newId('B');
    this.appId = this.newId('A');
    this.bot = newUser(this.team, this.newId('U'), { name: 'keel', real_name: 'Keel', is_bot: true, bot_id: this.botId });
    this.userMap.set(this.bot.id, this.bot);
    for (const spec of this.options.users ?? SLACK_SANDBOX_USERS) this.addUser(spec);
    const general = newChannel(this.team, this.newId('C'), 'general', false, this.bot.id);
    general.is_general = true;
    this.channelMap.set(general.id, general);
    this.memberMap.set(general.id, new Set([this.bot.id, ...[...this.userMap.keys()]]));
  }

  private newId(prefix: string): string {
    return uniqueId(
      this.rng,
      (id) => this.userMap?.has(id) || this.channelMap?.has(id) || false,
      (rng) => `${prefix}${randomString(rng, 10, UPPER_ALNUM)}`,
    );
  }

  protected override decorate(res: FakeResponse): void {
    res.headers = { 'x-slack-req-id': randomString(this.rng, 32, '0123456789abcdef'), ...res.headers };
  }

  protected route(req: FakeRequest): FakeResponse {
    const m = /^\/api\/([A-Za-z0-9_.]+)$/.exec(req.path);
    if (!m) return { status: 404, body: { ok: false, error: 'unknown_method' } };
    try {
      const args = this.parseArgs(req);
      const token = bearerToken(req.headers) ?? (typeof args.token === 'string' ? args.token : undefined);
      if (!token) throw new SlackError('not_authed');
      const accepted = token === (this.options.token ?? SLACK_SANDBOX_TOKEN);
      if (!accepted) throw new SlackError('invalid_auth');
      const name = m[1] as string;
      const method = Object.hasOwn(this.methods, name) ? this.methods[name] : undefined;
      if (!method) throw new SlackError('unknown_method');
      return { status: 200, body: { ok: true, ...method(args) } };
    } catch (error) {
      if (error instanceof SlackError) return { status: 200, body: { ok: false, error: error.code, ...error.extra } };
      throw error;
    }
  }

  protected errorResponse(action: ErrorAction): FakeResponse {
    if (action.platformError !== undefined) return { status: 200, body: { ok: false, error: action.platformError } };
    if (action.status === 429) {
      // Slack always says how long to wait; the SDK needs the header to report a rate limit at all.
      return { status: 429, body: { ok: false, error: 'ratelimited' }, headers: { 'retry-after': String(action.retryAfterSeconds ?? 1) } };
    }
    const headers: Record<string, string> = {};
    if (action.retryAfterSeconds !== undefined) headers['retry-after'] = String(action.retryAfterSeconds);
    const code = action.status >= 500 ? (action.status === 503 ? 'service_unavailable' : 'internal_error') : 'invalid_request';
    return { status: action.status, body: { ok: false, error: action.message ?? code }, headers };
  }

  /** Form bodies carry everything as strings (objects as JSON text); JSON bodies carry real values. */
  private parseArgs(req: FakeRequest): Args {
    const args: Args = Object.fromEntries(req.query);
    if (!req.body) return args;
    const type = String(req.headers['content-type'] ?? '');
    if (type.includes('application/json')) {
      try {
        return { ...args, ...(JSON.parse(req.body) as Args) };
      } catch {
        throw new SlackError('invalid_json');
      }
    }
    return { ...args, ...Object.fromEntries(new URLSearchParams(req.body)) };
  }

  private render(c: SlackChannel): SlackChannel {
    return { ...structuredClone(c), is_member: this.members(c.id).includes(this.bot.id), num_members: this.members(c.id).length };
  }

  private channelArg(a: Args): SlackChannel {
    const ref = String(a.channel ?? '');
    const channel = this.channelMap.get(ref) ?? [...this.channelMap.values()].find((c) => `#${c.name}` === ref || c.name === ref);
    if (!channel) throw new SlackError('channel_not_found');
    return channel;
  }

  private userArg(id: string): SlackUser {
    const user = this.userMap.get(id);
    if (!user) throw new SlackError('user_not_found');
    return user;
  }

  private create(a: Args): Record<string, unknown> {
    const name = validateChannelName(a.name === undefined ? undefined : String(a.name));
    // Names stay taken after archiving, exactly as in Slack.
    if ([...this.channelMap.values()].some((c) => c.name === name)) throw new SlackError('name_taken');
    const channel = newChannel(this.team, this.newId('C'), name, truthy(a.is_private), this.bot.id);
    this.channelMap.set(channel.id, channel);
    this.memberMap.set(channel.id, new Set([this.bot.id]));
    this.messageMap.set(channel.id, []);
    this.track('channel', channel);
    return { channel: { ...this.render(channel), priority: 0 } };
  }

  private list(a: Args): Record<string, unknown> {
    const types = String(a.types ?? 'public_channel').split(',').map((t) => t.trim());
    for (const t of types) if (!['public_channel', 'private_channel', 'mpim', 'im'].includes(t)) throw new SlackError('invalid_types');
    const limit = a.limit === undefined ? 100 : Number(a.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new SlackError('invalid_limit');
    const visible = [...this.channelMap.values()].filter(
      (c) =>
        (c.is_private ? types.includes('private_channel') && this.members(c.id).includes(this.bot.id) : types.includes('public_channel')) &&
        !(truthy(a.exclude_archived) && c.is_archived),
    );
    let start = 0;
    if (a.cursor) {
      const after = decodeCursor('channel', String(a.cursor));
      start = visible.findIndex((c) => c.id === after);
      if (start === -1) throw new SlackError('invalid_cursor');
    }
    const page = visible.slice(start, start + Math.min(limit, 1000));
    const next = visible[start + page.length];
    return { channels: page.map((c) => this.render(c)), response_metadata: { next_cursor: next ? encodeCursor('channel', next.id) : '' } };
  }

  private invite(a: Args): Record<string, unknown> {
    const channel = this.channelArg(a);
    const ids = String(a.users ?? '').split(',').map((u) => u.trim()).filter(Boolean);
    if (ids.length === 0) throw new SlackError('no_user');
    if (ids.length > 1000) throw new SlackError('too_many_users');
    if (channel.is_archived) throw new SlackError('is_archived');
    const members = this.memberMap.get(channel.id) ?? new Set<string>();
    if (!members.has(this.bot.id)) throw new SlackError('not_in_channel');
    const errors: { user: string; ok: false; error: string }[] = [];
    for (const id of ids) {
      const error = !this.userMap.has(id) ? 'user_not_found' : id === this.bot.id ? 'cant_invite_self' : members.has(id) ? 'already_in_channel' : undefined;
      if (error) errors.push({ user: id, ok: false, error });
    }
    // Slack invites nobody when any listed user fails, and reports each failure.
    if (errors.length) throw new SlackError(errors[0]?.error as string, { errors });
    for (const id of ids) {
      members.add(id);
      this.track('invite', { channel: channel.id, user: id });
    }
    channel.updated = Date.now();
    return { channel: this.render(channel) };
  }

  private lookupByEmail(a: Args): SlackUser {
    const email = String(a.email ?? '').trim();
    if (!email) throw new SlackError('invalid_arguments', { response_metadata: { messages: ['[ERROR] missing required field: email'] } });
    const found = [...this.userMap.values()].find((u) => u.profile.email?.toLowerCase() === email.toLowerCase());
    if (found) return found;
    if (!this.options.autoCreateUsers) throw new SlackError('users_not_found');
    const local = email.split('@')[0] ?? 'guest';
    return this.addUser({ name: local.toLowerCase().replace(/[^a-z0-9._-]/g, ''), real_name: local, email });
  }

  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    const s = String(this.lastTsMicros);
    return `${s.slice(0, -6)}.${s.slice(-6)}`;
  }

  private post(a: Args): Record<string, unknown> {
    if (a.channel === undefined || a.channel === '') throw new SlackError('channel_not_found');
    const channel = this.channelArg(a);
    const blocks = parseJsonArg(a.blocks, 'invalid_blocks');
    const attachments = parseJsonArg(a.attachments, 'invalid_attachments');
    const metadata = parseJsonArg(a.metadata, 'invalid_metadata_format') as SlackMessage['metadata'] | undefined;
    const text = a.text === undefined ? '' : String(a.text);
    if (!text && !blocks && !attachments) throw new SlackError('no_text');
    if (text.length > 40000) throw new SlackError('msg_too_long');
    if (blocks !== undefined && !Array.isArray(blocks)) throw new SlackError('invalid_blocks');
    if (metadata !== undefined && (typeof metadata !== 'object' || typeof metadata.event_type !== 'string')) {
      throw new SlackError('invalid_metadata_format');
    }
    if (channel.is_archived) throw new SlackError('is_archived');
    if (!this.members(channel.id).includes(this.bot.id)) throw new SlackError('not_in_channel');
    const message: SlackMessage = {
      type: 'message',
      ts: this.nextTs(),
      text,
      user: this.bot.id,
      bot_id: this.botId,
      app_id: this.appId,
      team: this.team.id,
      channel: channel.id,
      bot_profile: { id: this.botId, app_id: this.appId, name: 'Keel', deleted: false, team_id: this.team.id },
      ...(Array.isArray(blocks) && { blocks }),
      ...(Array.isArray(attachments) && { attachments }),
      ...(metadata !== undefined && { metadata: { event_type: metadata.event_type, event_payload: metadata.event_payload ?? {} } }),
      ...(a.thread_ts !== undefined && { thread_ts: String(a.thread_ts) }),
    };
    const list = this.messageMap.get(channel.id) ?? [];
    list.push(message);
    this.messageMap.set(channel.id, list);
    this.track('message', message);
    const { channel: _c, ...shown } = message;
    return { channel: channel.id, ts: message.ts, message: structuredClone(shown) };
  }

  private history(a: Args): Record<string, unknown> {
    const channel = this.channelArg(a);
    if (!this.members(channel.id).includes(this.bot.id)) throw new SlackError('not_in_channel');
    const limit = a.limit === undefined ? 100 : Math.min(Number(a.limit) || 100, 999);
    const oldest = a.oldest === undefined ? 0 : Number(a.oldest);
    const latest = a.latest === undefined ? Infinity : Number(a.latest);
    const withMeta = truthy(a.include_all_metadata);
    const newestFirst = (this.messageMap.get(channel.id) ?? [])
      .filter((m) => Number(m.ts) > oldest && Number(m.ts) < latest)
      .sort((x, y) => Number(y.ts) - Number(x.ts));
    let start = 0;
    if (a.cursor) {
      const ts = decodeCursor('next_ts', String(a.cursor));
      start = newestFirst.findIndex((m) => m.ts === ts);
      if (start === -1) throw new SlackError('invalid_cursor');
    }
    const page = newestFirst.slice(start, start + limit).map(({ channel: _c, metadata, ...m }) => ({
      ...structuredClone(m),
      ...(withMeta && metadata && { metadata: structuredClone(metadata) }),
    }));
    const next = newestFirst[start + page.length];
    return {
      messages: page,
      has_more: Boolean(next),
      pin_count: 0,
      response_metadata: { next_cursor: next ? encodeCursor('next_ts', next.ts) : '' },
    };
  }
}

function truthy(v: unknown): boolean {
  return v === true || v === 'true' || v === '1' || v === 1;
}

function parseJsonArg(v: unknown, error: string): unknown {
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new SlackError(error);
  }
}
