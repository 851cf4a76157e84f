/**
 * The Google Drive fake, driven by the official @googleapis/drive client over real HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { drive_v3 } from '@googleapis/drive';
import { DriveFake, FOLDER_MIME } from './drive-fake';
import { driveClient } from './sdk-clients';
import { rejectionOf } from '../test-support/rejection';

const fake = new DriveFake({ seed: 5 });
let gd: drive_v3.Drive;

beforeAll(async () => {
  await fake.start();
  gd = driveClient(fake.connection, { timeout: 1000 });
});
afterAll(() => fake.stop());
beforeEach(() => fake.reset());

const tagged = (run: string) => ({
  name: 'Acme (ctr_1)',
  mimeType: FOLDER_MIME,
  appProperties: { keel_run: run, keel_step: 'drive_folder' },
});

describe('about', () => {
  it('answers about.get for the signed-in user, and requires fields as Drive does', async () => {
    const about = await gd.about.get({ fields: 'user(displayName,emailAddress)' });
    expect(about.data).toEqual({ user: { displayName: 'Keel Bot', emailAddress: 'keel-bot@keel.example' } });
    const e = await rejectionOf(gd.about.get({}));
    expect(e.status).toBe(400);
    expect(e.response.data.error.errors[0]).toMatchObject({ reason: 'required', location: 'fields' });
  });

  it('answers 401 in Google\'s envelope for a wrong token', async () => {
    const strict = await new DriveFake({ token: 'ya29.right' }).start();
    try {
      const e = await rejectionOf(driveClient({ rootUrl: strict.connection.rootUrl, accessToken: 'ya29.wrong' }).about.get({ fields: 'user' }));
      expect(e.status).toBe(401);
      expect(e.response.data.error).toMatchObject({ code: 401, status: 'UNAUTHENTICATED', errors: [{ reason: 'authError' }] });
    } finally {
      await strict.stop();
    }
  });
});

describe('files', () => {
  it('creates a tagged folder, returning only the default fields unless asked', async () => {
    const plain = await gd.files.create({ requestBody: { name: 'Plain', mimeType: FOLDER_MIME } });
    expect(plain.data).toEqual({ kind: 'drive#file', id: expect.stringMatching(/^1[\w-]{32}$/), name: 'Plain', mimeType: FOLDER_MIME });
    const created = await gd.files.create({ requestBody: tagged('run-1'), fields: 'id,name,webViewLink,appProperties,parents' });
    expect(created.data).toMatchObject({ name: 'Acme (ctr_1)', appProperties: { keel_run: 'run-1', keel_step: 'drive_folder' }, parents: [fake.connection.rootFolderId] });
    expect(created.data.webViewLink).toBe(`https://drive.google.com/drive/folders/${created.data.id}`);
    expect(JSON.parse(fake.requests({ method: 'POST', path: '/drive/v3/files' })[1]!.body)).toEqual(tagged('run-1'));
    expect(fake.created()).toEqual({ folder: 2 });
  });

  it('searches by appProperties, name, mimeType and trashed, honouring fields', async () => {
    const mine = await gd.files.create({ requestBody: tagged('run-1') });
    await gd.files.create({ requestBody: tagged('run-2') });
    await gd.files.create({ requestBody: { name: 'notes.txt', mimeType: 'text/plain', parents: [mine.data.id!] } });
    const q = "appProperties has { key='keel_run' and value='run-1' } and appProperties has { key='keel_step' and value='drive_folder' } and trashed = false";
    const found = await gd.files.list({ q, fields: 'files(id,name,appProperties)', pageSize: 10 });
    expect(found.data).toEqual({ files: [{ id: mine.data.id, name: 'Acme (ctr_1)', appProperties: { keel_run: 'run-1', keel_step: 'drive_folder' } }] });
    const byName = await gd.files.list({ q: `name = 'Acme (ctr_1)' and mimeType = '${FOLDER_MIME}'` });
    expect(byName.data.files).toHaveLength(2); // Drive allows duplicate names: only the tag identifies a folder
    const inFolder = await gd.files.list({ q: `'${mine.data.id}' in parents and not mimeType = '${FOLDER_MIME}'` });
    expect(inFolder.data.files?.map((f) => f.name)).toEqual(['notes.txt']);

    await gd.files.update({ fileId: mine.data.id!, requestBody: { trashed: true } });
    expect((await gd.files.list({ q, fields: 'files(id)' })).data.files).toEqual([]);
    expect((await gd.files.list({ q: "appProperties has { key='keel_run' and value='run-1' }", fields: 'files(id)' })).data.files).toHaveLength(1);
  });

  it('pages with pageToken, and refuses a query it cannot read with 400 invalid on q', async () => {
    for (let i = 0; i < 3; i++) await gd.files.create({ requestBody: { name: `f${i}`, mimeType: FOLDER_MIME } });
    const first = await gd.files.list({ pageSize: 2 });
    expect(first.data.files?.map((f) => f.name)).toEqual(['f0', 'f1']);
    const second = await gd.files.list({ pageSize: 2, pageToken: first.data.nextPageToken! });
    expect(second.data.files?.map((f) => f.name)).toEqual(['f2']);
    expect(second.data.nextPageToken).toBeUndefined();
    const e = await rejectionOf(gd.files.list({ q: "appProperties has { key='x' }" }));
    expect(e.status).toBe(400);
    expect(e.response.data.error.errors[0]).toMatchObject({ reason: 'invalid', location: 'q', locationType: 'parameter' });
  });

  it('answers 404 notFound for an unknown file', async () => {
    const e = await rejectionOf(gd.files.get({ fileId: '1doesnotexist' }));
    expect(e.status).toBe(404);
    expect(e.response.data.error).toMatchObject({ code: 404, message: 'File not found: 1doesnotexist.', errors: [{ reason: 'notFound', location: 'fileId' }] });
  });
});

describe('permissions', () => {
  it('shares a folder with a person; sharing again keeps one permission with the same id', async () => {
    const folder = await gd.files.create({ requestBody: tagged('run-1') });
    const share = () =>
      gd.permissions.create({ fileId: folder.data.id!, requestBody: { type: 'user', role: 'writer', emailAddress: 'ada@acme.example' }, sendNotificationEmail: true, fields: 'id,role,emailAddress' });
    const first = await share();
    expect(first.data).toEqual({ id: expect.stringMatching(/^\d{20}$/), role: 'writer', emailAddress: 'ada@acme.example' });
    const second = await share();
    expect(second.data.id).toBe(first.data.id);
    const list = await gd.permissions.list({ fileId: folder.data.id!, fields: 'permissions(role,emailAddress)' });
    expect(list.data.permissions).toEqual([
      { role: 'owner', emailAddress: 'keel-bot@keel.example' },
      { role: 'writer', emailAddress: 'ada@acme.example' },
    ]);
    expect(fake.created()).toEqual({ folder: 1, permission: 1 });
    const bad = await rejectionOf(gd.permissions.create({ fileId: folder.data.id!, requestBody: { type: 'user', role: 'writer' } }));
    expect(bad.status).toBe(400);
  });
});

describe('faults', () => {
  it('surfaces 429 with Retry-After and reason rateLimitExceeded', async () => {
    fake.inject({ method: 'POST', path: '/drive/v3/files' }, { status: 429, retryAfterSeconds: 20 });
    const e = await rejectionOf(gd.files.create({ requestBody: tagged('run-1') }));
    expect(e.status).toBe(429);
    expect(e.response.headers.get('retry-after')).toBe('20');
    expect(e.response.data.error.errors[0]).toMatchObject({ reason: 'rateLimitExceeded', domain: 'usageLimits' });
    expect(fake.created()).toEqual({});
  });

  it('surfaces Google\'s 403 userRateLimitExceeded', async () => {
    fake.inject({}, { kind: 'rate-limit-403', reason: 'userRateLimitExceeded' });
    const e = await rejectionOf(gd.files.list({}));
    expect(e.status).toBe(403);
    expect(e.response.data.error).toMatchObject({ code: 403, message: 'User Rate Limit Exceeded', errors: [{ reason: 'userRateLimitExceeded' }] });
  });

  it('reset-after creates the folder while the client sees ECONNRESET; the tag search then finds it', async () => {
    fake.inject({ method: 'POST', path: '/drive/v3/files' }, { kind: 'reset-after' });
    const e = await rejectionOf(gd.files.create({ requestBody: tagged('run-crash'), fields: 'id' }));
    expect(e.code).toBe('ECONNRESET');
    expect(e.status).toBeUndefined();
    expect(fake.created()).toEqual({ folder: 1 });
    const found = await gd.files.list({ q: "appProperties has { key='keel_run' and value='run-crash' } and trashed = false", fields: 'files(id)' });
    expect(found.data.files?.map((f) => f.id)).toEqual([fake.folders()[0]?.id]);
  });

  it('a timeout surfaces as an aborted GaxiosError with no status and no code', async () => {
    fake.inject({}, { kind: 'timeout' });
    const e = await rejectionOf(driveClient(fake.connection, { timeout: 200 }).files.list({}));
    expect(e.status).toBeUndefined();
    expect(e.cause?.name).toBe('AbortError');
  });
});
