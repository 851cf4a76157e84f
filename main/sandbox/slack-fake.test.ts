/**
 * The Slack fake, driven by the official @slack/web-api WebClient over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { slackClient, type SlackWebClient } from './sdk-clients';
import { SlackFake } from './slack-fake';
import { rejectionOf } from '../test-support/rejection';

const fake = new SlackFake({ seed: 3 });
let web: SlackWebClient;

beforeAll(async () => {
  await fake.start();
  web = slackClient(fake.connection, { timeout: 1000 });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

describe('auth', () => {
  it('answers auth.test for the bot', async () => {
    const me = await web.auth.test();
    expect(me).toMatchObject({ ok: true, team: 'Keel Sandbox', user: 'keel', user_id: fake.botUserId, team_id: fake.teamId });
  });

  it('reports not_authed and invalid_auth as platform errors (HTTP 200)', async () => {
    const strict = await new SlackFake({ token: 'xoxb-right' }).start();
    try {
      const wrong = await rejectionOf(slackClient({ slackApiUrl: strict.connection.slackApiUrl, token: 'xoxb-wrong' }).auth.test());
      expect(wrong).toMatchObject({ code: 'slack_webapi_platform_error', data: { ok: false, error: 'invalid_auth' } });
      const res = await fetch(`${strict.connection.slackApiUrl}auth.test`, { method: 'POST' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: false, error: 'not_authed' });
    } finally {
      await strict.stop();
    }
  });
});

describe('channels', () => {
  it('creates a channel shaped like Slack\'s and refuses the same name with name_taken', async () => {
    const created = await web.conversations.create({ name: 'client-ctr_1' });
    expect(created.channel).toMatchObject({ name: 'client-ctr_1', is_channel: true, is_private: false, is_archived: false, is_member: true, creator: fake.botUserId });
    expect(created.channel?.id).toMatch(/^C[A-Z0-9]{10}$/);
    const taken = await rejectionOf(web.conversations.create({ name: 'client-ctr_1' }));
    expect(taken).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'name_taken' } });
    expect(fake.created()).toEqual({ channel: 1 });
  });

  it.each([
    ['Client Acme', 'invalid_name_specials'],
    ['client.acme', 'invalid_name_specials'],
    ['', 'invalid_name_required'],
    ['x'.repeat(81), 'invalid_name_maxlength'],
    ['---', 'invalid_name_punctuation'],
    ['here', 'invalid_name'],
  ])('refuses the channel name %j with %s', async (name, error) => {
    const e = await rejectionOf(web.conversations.create({ name }));
    expect(e.data.error).toBe(error);
  });

  it('lists channels page by page with response_metadata.next_cursor', async () => {
    for (let i = 0; i < 4; i++) await web.conversations.create({ name: `c-${i}` });
    await web.conversations.create({ name: 'secret', is_private: true });
    const names: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await web.conversations.list({ limit: 2, ...(cursor && { cursor }) });
      names.push(...(page.channels ?? []).map((c) => c.name as string));
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    expect(names).toEqual(['general', 'c-0', 'c-1', 'c-2', 'c-3']);
    const withPrivate = await web.conversations.list({ types: 'public_channel,private_channel', limit: 100 });
    expect(withPrivate.channels?.map((c) => c.name)).toContain('secret');
    expect(withPrivate.response_metadata?.next_cursor).toBe('');
  });
});

describe('people', () => {
  it('looks users up by email, and says users_not_found for strangers', async () => {
    const ada = await web.users.lookupByEmail({ email: 'ada@acme.example' });
    expect(ada.user).toMatchObject({ real_name: 'Ada Lovelace', is_bot: false, profile: { email: 'ada@acme.example' } });
    const stranger = await rejectionOf(web.users.lookupByEmail({ email: 'nobody@client.example' }));
    expect(stranger.data.error).toBe('users_not_found');
    fake.addUser({ name: 'nobody', email: 'nobody@client.example' });
    expect((await web.users.lookupByEmail({ email: 'nobody@client.example' })).ok).toBe(true);
  });

  it('creates unknown users on lookup when autoCreateUsers is on (sandbox demos)', async () => {
    const lenient = await new SlackFake({ autoCreateUsers: true }).start();
    try {
      const client = slackClient(lenient.connection);
      const first = await client.users.lookupByEmail({ email: 'new.client@client.example' });
      const again = await client.users.lookupByEmail({ email: 'new.client@client.example' });
      expect(again.user?.id).toBe(first.user?.id);
      expect(lenient.created()).toEqual({});
    } finally {
      await lenient.stop();
    }
  });

  it('invites into a channel; already_in_channel and user_not_found come back per user', async () => {
    const { channel } = await web.conversations.create({ name: 'client-invite' });
    const ada = (await web.users.lookupByEmail({ email: 'ada@acme.example' })).user!.id!;
    const invited = await web.conversations.invite({ channel: channel!.id!, users: ada });
    expect(invited.channel?.id).toBe(channel!.id);
    expect(fake.members(channel!.id!)).toEqual([fake.botUserId, ada]);
    const again = await rejectionOf(web.conversations.invite({ channel: channel!.id!, users: ada }));
    expect(again.data).toMatchObject({ error: 'already_in_channel', errors: [{ user: ada, ok: false, error: 'already_in_channel' }] });
    const unknown = await rejectionOf(web.conversations.invite({ channel: channel!.id!, users: 'UNOBODY0000' }));
    expect(unknown.data.error).toBe('user_not_found');
    const noChannel = await rejectionOf(web.conversations.invite({ channel: 'CNOPE000000', users: ada }));
    expect(noChannel.data.error).toBe('channel_not_found');
    expect(fake.created()).toEqual({ channel: 1, invite: 1 });
  });
});

describe('messages', () => {
  it('posts a message and finds it again in history by its metadata', async () => {
    const { channel } = await web.conversations.create({ name: 'client-msg' });
    const posted = await web.chat.postMessage({
      channel: channel!.id!,
      text: 'Welcome aboard!',
      metadata: { event_type: 'keel_step', event_payload: { run: 'r1', step: 'slack_welcome' } },
    });
    expect(posted).toMatchObject({ ok: true, channel: channel!.id, message: { type: 'message', text: 'Welcome aboard!', bot_id: expect.stringMatching(/^B/) } });
    expect(posted.ts).toMatch(/^\d+\.\d{6}$/);
    const history = await web.conversations.history({ channel: channel!.id!, include_all_metadata: true });
    expect(history.messages?.[0]).toMatchObject({ ts: posted.ts, metadata: { event_type: 'keel_step', event_payload: { run: 'r1' } } });
    expect(fake.created()).toEqual({ channel: 1, message: 1 });
  });

  it('refuses an empty message (no_text), an unknown channel and a channel the bot is not in (not_in_channel)', async () => {
    const { channel } = await web.conversations.create({ name: 'client-empty' });
    expect((await rejectionOf(web.chat.postMessage({ channel: channel!.id!, text: '' }))).data.error).toBe('no_text');
    expect((await rejectionOf(web.chat.postMessage({ channel: 'CNOPE000000', text: 'x' }))).data.error).toBe('channel_not_found');
    const elsewhere = fake.addChannel({ name: 'someone-elses', botIsMember: false });
    expect((await rejectionOf(web.chat.postMessage({ channel: elsewhere.id, text: 'x' }))).data.error).toBe('not_in_channel');
  });

  it('accepts JSON bodies too', async () => {
    const res = await fetch(`${fake.connection.slackApiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { authorization: `Bearer ${fake.connection.token}`, 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ channel: 'general', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'hi' } }] }),
    });
    expect(await res.json()).toMatchObject({ ok: true, message: { blocks: [{ type: 'section' }] } });
  });
});

describe('faults', () => {
  it('surfaces 429 + Retry-After as slack_webapi_rate_limited_error with retryAfter', async () => {
    fake.inject({ path: '/api/conversations.create' }, { status: 429, retryAfterSeconds: 12 });
    const e = await rejectionOf(web.conversations.create({ name: 'limited' }));
    expect(e).toMatchObject({ code: 'slack_webapi_rate_limited_error', retryAfter: 12 });
    expect(fake.created()).toEqual({});
  });

  it('surfaces a 503 as slack_webapi_http_error and an injected platform error as such', async () => {
    fake.inject({ path: '/api/auth.test' }, { status: 503 });
    expect(await rejectionOf(web.auth.test())).toMatchObject({ code: 'slack_webapi_http_error', statusCode: 503 });
    fake.inject({ path: '/api/auth.test' }, { kind: 'platform-error', error: 'fatal_error' });
    expect(await rejectionOf(web.auth.test())).toMatchObject({ code: 'slack_webapi_platform_error', data: { error: 'fatal_error' } });
  });

  it('a body that stalls past the client timeout escapes the SDK as a bare DOMException TimeoutError', async () => {
    // Headers arrived, so WebClient's request error wrapping is already behind it: connectors must classify
    // `name === 'TimeoutError'` themselves. The message was posted.
    fake.inject({ path: '/api/chat.postMessage' }, { kind: 'slow-body', ms: 60_000 });
    const e = await rejectionOf(slackClient(fake.connection, { timeout: 200 }).chat.postMessage({ channel: 'general', text: 'slow' }));
    expect(e).toMatchObject({ name: 'TimeoutError', code: 23 });
    expect(e.code).not.toBe('slack_webapi_request_error');
    expect(fake.created()).toEqual({ message: 1 });
  });

  it('reset-after posts the message while the SDK sees a request error (the message would be repeated blindly)', async () => {
    fake.inject({ path: '/api/chat.postMessage' }, { kind: 'reset-after' });
    const e = await rejectionOf(web.chat.postMessage({ channel: 'general', text: 'once?' }));
    expect(e.code).toBe('slack_webapi_request_error');
    expect(e.original.cause.code).toBe('UND_ERR_SOCKET');
    expect(fake.messages().map((m) => m.text)).toEqual(['once?']);
  });
});
