/**
 * Slack's objects (users, conversations, messages) and its rules for channel names. Slack reports every
 * problem as `{ ok: false, error: '<code>' }` with HTTP 200, so the codes here are the API's contract.
 */

export class SlackError extends Error {
  constructor(
    readonly code: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(code);
  }
}

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  real_name: string;
  is_bot: boolean;
  profile: Record<string, unknown> & { email?: string };
  [key: string]: unknown;
}

export interface SlackChannel {
  id: string;
  name: string;
  is_private: boolean;
  is_archived: boolean;
  created: number;
  creator: string;
  [key: string]: unknown;
}

export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user: string;
  bot_id?: string;
  app_id?: string;
  team: string;
  blocks?: unknown[];
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
  thread_ts?: string;
  channel: string;
  [key: string]: unknown;
}

export function newUser(
  team: SlackTeam,
  id: string,
  spec: { name: string; real_name?: string; email?: string; is_bot?: boolean; bot_id?: string },
): SlackUser {
  const realName = spec.real_name ?? spec.name;
  const [first = '', ...rest] = realName.split(' ');
  return {
    id,
    team_id: team.id,
    name: spec.name,
    deleted: false,
    color: '9f69e7',
    real_name: realName,
    tz: 'America/New_York',
    tz_label: 'Eastern Standard Time',
    tz_offset: -18000,
    profile: {
      title: '',
      phone: '',
      skype: '',
      real_name: realName,
      real_name_normalized: realName,
      display_name: spec.is_bot ? '' : spec.name,
      display_name_normalized: spec.is_bot ? '' : spec.name,
      fields: null,
      status_text: '',
      status_emoji: '',
      status_expiration: 0,
      avatar_hash: 'g0000000000a',
      ...(spec.email !== undefined && { email: spec.email }),
      ...(spec.bot_id !== undefined && { bot_id: spec.bot_id, always_active: true }),
      first_name: first,
      last_name: rest.join(' '),
      image_24: 'https://a.slack-edge.com/80588/img/avatars/ava_0010-24.png',
      image_48: 'https://a.slack-edge.com/80588/img/avatars/ava_0010-48.png',
      image_72: 'https://a.slack-edge.com/80588/img/avatars/ava_0010-72.png',
      team: team.id,
    },
    is_admin: false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: spec.is_bot ?? false,
    is_app_user: false,
    updated: Math.floor(Date.now() / 1000),
    is_email_confirmed: !spec.is_bot,
    who_can_share_contact_card: 'EVERYONE',
  };
}

export function newChannel(team: SlackTeam, id: string, name: string, isPrivate: boolean, creator: string): SlackChannel {
  const now = Math.floor(Date.now() / 1000);
  return {
    id,
    name,
    is_channel: true,
    is_group: false,
    is_im: false,
    is_mpim: false,
    is_private: isPrivate,
    created: now,
    is_archived: false,
    is_general: false,
    unlinked: 0,
    name_normalized: name,
    is_shared: false,
    is_org_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    context_team_id: team.id,
    updated: Date.now(),
    parent_conversation: null,
    creator,
    is_ext_shared: false,
    shared_team_ids: [team.id],
    pending_connected_team_ids: [],
    topic: { value: '', creator: '', last_set: 0 },
    purpose: { value: '', creator: '', last_set: 0 },
    previous_names: [],
  };
}

/** Slack names are reserved for these mentions and cannot be channel names. */
const RESERVED = new Set(['here', 'channel', 'everyone', 'group', 'archive', 'archived']);

/**
 * Slack's channel-name rules: required, at most 80 characters, only lowercase letters, digits, hyphens and
 * underscores (no spaces, periods or capitals), not only punctuation, not a reserved word.
 */
export function validateChannelName(name: string | undefined): string {
  if (name === undefined || name === '') throw new SlackError('invalid_name_required');
  if ([...name].length > 80) throw new SlackError('invalid_name_maxlength');
  if (!/^[\p{Ll}\p{Lo}\p{N}_-]+$/u.test(name)) throw new SlackError('invalid_name_specials');
  if (/^[-_]+$/.test(name)) throw new SlackError('invalid_name_punctuation');
  if (RESERVED.has(name)) throw new SlackError('invalid_name');
  return name;
}

export function encodeCursor(kind: string, value: string): string {
  return Buffer.from(`${kind}:${value}`).toString('base64');
}

export function decodeCursor(kind: string, cursor: string): string {
  const text = Buffer.from(cursor, 'base64').toString('utf8');
  if (!text.startsWith(`${kind}:`)) throw new SlackError('invalid_cursor');
  return text.slice(kind.length + 1);
}
