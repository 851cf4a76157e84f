/**
 * A local Google Drive v3 under `/drive/v3`: about, files (create / list with `q` / get / update / delete) and
 * permissions, with `fields` partial responses and Google's error envelope. Drive has no idempotency keys and
 * allows duplicate names, so the onboarding connector tags its folder with `appProperties` and searches for the
 * tag before creating — the query language here supports exactly that.
 */
import { createHash } from 'node:crypto';
import { bearerToken, FakeServer, Router, type ErrorAction, type FakeRequest, type FakeResponse, type FakeServerOptions } from './fake-server';
import { applyFields, FieldSelectionError, parseFields, validateFields, type FieldSchema } from './drive-fields';
import {
  ABOUT_SCHEMA,
  checkProperties,
  DEFAULT_FILE_FIELDS,
  DEFAULT_LIST_FIELDS,
  DEFAULT_PERMISSION_FIELDS,
  DEFAULT_PERMISSION_LIST_FIELDS,
  defaultGoogleError,
  DriveError,
  FILE_LIST_SCHEMA,
  FILE_SCHEMA,
  FOLDER_MIME,
  googleErrorResponse,
  invalidValue,
  notFound,
  PERMISSION_LIST_SCHEMA,
  PERMISSION_SCHEMA,
  webViewLink,
  type DriveFile,
  type DrivePermission,
  type DriveUser,
} from './drive-model';
import { DriveQueryError, parseDriveQuery, type DriveFileView } from './drive-query';
import type { GoogleTokenRegistry } from './google-tokens';
import { randomString, uniqueId, URLSAFE } from './random';

export { FOLDER_MIME } from './drive-model';
export const DRIVE_SANDBOX_TOKEN = 'ya29.keel-sandbox-access-token';
const PREFIX = '/drive/v3';

export interface DriveFakeOptions extends FakeServerOptions {
  /** Only this OAuth access token is accepted (and live tokens from `issuedTokens`). Default: any non-empty Bearer token. */
  token?: string;
  /**
   * Access tokens issued by the Google OAuth fake: live ones are accepted, expired ones get Google's 401. With it,
   * a token that is neither issued there nor `token` (default: the sandbox token) is refused too.
   */
  issuedTokens?: GoogleTokenRegistry;
  /** The signed-in user `about` reports and who owns created files. */
  user?: { displayName: string; emailAddress: string };
}

type Handler = (req: FakeRequest, params: string[]) => FakeResponse;

export class DriveFake extends FakeServer {
  private readonly options: DriveFakeOptions;
  private me!: DriveUser;
  private rootId = '';
  private fileMap = new Map<string, DriveFile>();
  private readonly router = new Router<Handler>();

  constructor(options: DriveFakeOptions = {}) {
    super(options);
    this.options = options;
    this.resetState();
    const id = '([^/]+)';
    this.router
      .on('GET', /^\/about$/, (r) => this.about(r))
      .on('POST', /^\/files$/, (r) => this.createFile(r))
      .on('GET', /^\/files$/, (r) => this.listFiles(r))
      .on('GET', new RegExp(`^/files/${id}$`), (r, [f]) => this.select(r, this.file(f as string), DEFAULT_FILE_FIELDS, FILE_SCHEMA))
      .on('PATCH', new RegExp(`^/files/${id}$`), (r, [f]) => this.updateFile(r, f as string))
      .on('DELETE', new RegExp(`^/files/${id}$`), (_r, [f]) => this.deleteFile(f as string))
      .on('POST', new RegExp(`^/files/${id}/permissions$`), (r, [f]) => this.share(r, f as string))
      .on('GET', new RegExp(`^/files/${id}/permissions$`), (r, [f]) => this.permissions(r, f as string));
  }

  /** What `drive({ version: 'v3', rootUrl })` needs, and a token for an OAuth2 client's credentials. */
  get connection(): { rootUrl: string; accessToken: string; rootFolderId: string } {
    return { rootUrl: `${this.origin}/`, accessToken: this.options.token ?? DRIVE_SANDBOX_TOKEN, rootFolderId: this.rootId };
  }

  files(): DriveFile[] {
    return [...this.fileMap.values()].filter((f) => f.id !== this.rootId).map((f) => structuredClone(f));
  }
  folders(): DriveFile[] {
    return this.files().filter((f) => f.mimeType === FOLDER_MIME);
  }

  protected resetState(): void {
    const user = this.options.user ?? { displayName: 'Keel Bot', emailAddress: 'keel-bot@keel.example' };
    this.me = { kind: 'drive#user', ...user, permissionId: permissionIdFor(user.emailAddress), me: true, photoLink: 'https://lh3.googleusercontent.com/a/default-user=s64' };
    this.fileMap = new Map();
    this.rootId = `0A${randomString(this.rng, 17, URLSAFE)}Uk9PVA`;
    this.fileMap.set(this.rootId, this.newFile(this.rootId, 'My Drive', FOLDER_MIME, []));
  }

  private newFile(id: string, name: string, mimeType: string, parents: string[]): DriveFile {
    const now = new Date().toISOString();
    const owner: DrivePermission = {
      kind: 'drive#permission', id: this.me.permissionId, type: 'user', role: 'owner', emailAddress: this.me.emailAddress,
      displayName: this.me.displayName, deleted: false, pendingOwner: false,
    };
    return {
      kind: 'drive#file', id, name, mimeType, parents, appProperties: {}, properties: {}, starred: false, trashed: false,
      explicitlyTrashed: false, createdTime: now, modifiedTime: now, webViewLink: webViewLink({ id, mimeType }),
      iconLink: `https://drive-thirdparty.googleusercontent.com/16/type/${mimeType}`, owners: [{ ...this.me }],
      lastModifyingUser: { ...this.me }, shared: false, ownedByMe: true, permissions: [owner], permissionIds: [owner.id],
      capabilities: { canEdit: true, canShare: true, canAddChildren: mimeType === FOLDER_MIME, canTrash: true, canDelete: true },
      spaces: ['drive'], version: '1', viewersCanCopyContent: true, copyRequiresWriterPermission: false, writersCanShare: true,
      modifiedByMe: true, modifiedByMeTime: now, isAppAuthorized: true, hasThumbnail: false, thumbnailVersion: '0', quotaBytesUsed: '0',
    };
  }

  protected route(req: FakeRequest): FakeResponse {
    try {
      const token = bearerToken(req.headers);
      if (!token) {
        throw new DriveError(
          401,
          'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          { reason: 'required', message: 'Login Required.', location: 'Authorization', locationType: 'header' },
        );
      }
      if (!this.accepts(token)) {
        throw new DriveError(
          401,
          'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
          { reason: 'authError', message: 'Invalid Credentials', location: 'Authorization', locationType: 'header' },
        );
      }
      const found = req.path.startsWith(`${PREFIX}/`) ? this.router.find(req.method, req.path.slice(PREFIX.length)) : undefined;
      if (!found) throw new DriveError(404, 'Not Found', { reason: 'notFound' });
      return found.handler(req, found.params);
    } catch (error) {
      if (error instanceof DriveError) return googleErrorResponse(error.status, error.message, error.detail);
      throw error;
    }
  }

  private accepts(token: string): boolean {
    const issued = this.options.issuedTokens?.check(token);
    if (issued === 'live') return true;
    if (issued === 'expired') return false;
    if (this.options.token !== undefined) return token === this.options.token;
    return this.options.issuedTokens === undefined || token === DRIVE_SANDBOX_TOKEN;
  }

  protected errorResponse(action: ErrorAction): FakeResponse {
    const status = action.status === 200 ? 400 : action.status;
    const { message, detail } = defaultGoogleError(status, action.reason);
    const headers: Record<string, string> = {};
    if (action.retryAfterSeconds !== undefined) headers['retry-after'] = String(action.retryAfterSeconds);
    return googleErrorResponse(status, action.message ?? action.platformError ?? message, detail, headers);
  }

  private json(req: FakeRequest): Record<string, unknown> {
    if (!req.body) return {};
    try {
      const parsed = JSON.parse(req.body) as unknown;
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    } catch {
      // fall through to Google's parse error
    }
    throw new DriveError(400, 'Invalid JSON payload received.', { reason: 'parseError' });
  }

  /** Applies `fields` (or the method's default selection) to a response. */
  private select(req: FakeRequest, value: unknown, defaults: string, schema: FieldSchema): FakeResponse {
    const spec = req.query.get('fields') || defaults;
    try {
      const tree = parseFields(spec);
      validateFields(tree, schema);
      return { status: 200, body: applyFields(structuredClone(value), tree) };
    } catch (error) {
      if (error instanceof FieldSelectionError) throw invalidValue(error.message, 'fields');
      throw error;
    }
  }

  private file(idOrAlias: string): DriveFile {
    const file = this.fileMap.get(idOrAlias === 'root' ? this.rootId : idOrAlias);
    if (!file) throw notFound(idOrAlias);
    return file;
  }

  private about(req: FakeRequest): FakeResponse {
    // about.get is the one Drive method that refuses to run without an explicit `fields`.
    if (!req.query.get('fields')) {
      throw new DriveError(400, "The 'fields' parameter is required for this method.", { reason: 'required', location: 'fields', locationType: 'parameter' });
    }
    const about = {
      kind: 'drive#about',
      user: this.me,
      storageQuota: { limit: '16106127360', usage: '0', usageInDrive: '0', usageInDriveTrash: '0' },
      maxUploadSize: '5242880000000',
      appInstalled: false,
      canCreateDrives: true,
      exportFormats: {},
      importFormats: {},
    };
    return this.select(req, about, '', ABOUT_SCHEMA);
  }

  private createFile(req: FakeRequest): FakeResponse {
    const body = this.json(req);
    const mimeType = typeof body.mimeType === 'string' && body.mimeType ? body.mimeType : 'application/octet-stream';
    const parentRefs = Array.isArray(body.parents) ? body.parents.map(String) : [];
    if (parentRefs.length > 1) throw new DriveError(400, 'A shared drive item must have exactly one parent.', { reason: 'teamDrivesParentLimit' });
    const parents = parentRefs.map((p) => {
      const parent = this.file(p);
      if (parent.mimeType !== FOLDER_MIME) throw new DriveError(400, 'The specified parent is not a folder.', { reason: 'invalidParent' });
      return parent.id;
    });
    const id = uniqueId(this.rng, (x) => this.fileMap.has(x), (rng) => `1${randomString(rng, 32, URLSAFE)}`);
    const file = this.newFile(id, typeof body.name === 'string' && body.name ? body.name : 'Untitled', mimeType, parents.length ? parents : [this.rootId]);
    for (const [k, v] of Object.entries(checkProperties(body.appProperties, 'appProperties'))) if (v !== null) file.appProperties[k] = v;
    for (const [k, v] of Object.entries(checkProperties(body.properties, 'properties'))) if (v !== null) file.properties[k] = v;
    if (typeof body.description === 'string') file.description = body.description;
    if (typeof body.starred === 'boolean') file.starred = body.starred;
    if (typeof body.folderColorRgb === 'string') file.folderColorRgb = body.folderColorRgb;
    this.fileMap.set(id, file);
    this.track(mimeType === FOLDER_MIME ? 'folder' : 'file', file);
    return this.select(req, file, DEFAULT_FILE_FIELDS, FILE_SCHEMA);
  }

  private view(f: DriveFile): DriveFileView {
    const emails = (role: string) => f.permissions.filter((p) => p.role === role && p.emailAddress).map((p) => p.emailAddress as string);
    return { ...f, owners: emails('owner'), writers: [...emails('writer'), ...emails('organizer'), ...emails('fileOrganizer')], readers: [...emails('reader'), ...emails('commenter')] };
  }

  private listFiles(req: FakeRequest): FakeResponse {
    const q = req.query.get('q');
    let predicate: (f: DriveFileView) => boolean = () => true;
    if (q) {
      try {
        predicate = parseDriveQuery(q);
      } catch (error) {
        if (error instanceof DriveQueryError) throw invalidValue('Invalid Value', 'q');
        throw error;
      }
    }
    const pageSize = Number(req.query.get('pageSize') ?? 100);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw invalidValue(`Invalid value '${req.query.get('pageSize') ?? ''}'. Values must be within the range: [1, 1000]`, 'pageSize');
    const token = req.query.get('pageToken');
    const start = token ? Number(Buffer.from(token, 'base64url').toString('utf8').replace(/^keel:/, '')) : 0;
    if (!Number.isInteger(start) || start < 0) throw invalidValue('Invalid Value', 'pageToken');
    // Like Drive, the list includes trashed files unless the query says `trashed = false`.
    const hits = [...this.fileMap.values()].filter((f) => f.id !== this.rootId && predicate(this.view(f)));
    sortFiles(hits, req.query.get('orderBy'));
    const page = hits.slice(start, start + pageSize);
    const next = start + pageSize < hits.length ? Buffer.from(`keel:${start + pageSize}`).toString('base64url') : undefined;
    const list = { kind: 'drive#fileList', ...(next && { nextPageToken: next }), incompleteSearch: false, files: page };
    return this.select(req, list, DEFAULT_LIST_FIELDS, FILE_LIST_SCHEMA);
  }

  private updateFile(req: FakeRequest, id: string): FakeResponse {
    const file = this.file(id);
    const body = this.json(req);
    if (typeof body.name === 'string') file.name = body.name;
    if (typeof body.description === 'string') file.description = body.description;
    if (typeof body.trashed === 'boolean') file.trashed = file.explicitlyTrashed = body.trashed;
    if (typeof body.starred === 'boolean') file.starred = body.starred;
    for (const [field, target] of [['appProperties', file.appProperties], ['properties', file.properties]] as const) {
      for (const [k, v] of Object.entries(checkProperties(body[field], field))) {
        if (v === null) delete target[k];
        else target[k] = v;
      }
    }
    const add = req.query.get('addParents')?.split(',').filter(Boolean) ?? [];
    const remove = new Set(req.query.get('removeParents')?.split(',').filter(Boolean) ?? []);
    file.parents = [...file.parents.filter((p) => !remove.has(p)), ...add.map((p) => this.file(p).id)];
    file.modifiedTime = new Date().toISOString();
    return this.select(req, file, DEFAULT_FILE_FIELDS, FILE_SCHEMA);
  }

  private deleteFile(id: string): FakeResponse {
    this.file(id);
    this.fileMap.delete(id);
    return { status: 204 };
  }

  private share(req: FakeRequest, fileId: string): FakeResponse {
    const file = this.file(fileId);
    const body = this.json(req);
    const type = body.type;
    const role = body.role;
    if (typeof type !== 'string') throw new DriveError(400, 'The permission type field is required.', { reason: 'required', location: 'permission.type', locationType: 'other' });
    if (typeof role !== 'string') throw new DriveError(400, 'The permission role field is required.', { reason: 'required', location: 'permission.role', locationType: 'other' });
    if (!['user', 'group', 'domain', 'anyone'].includes(type)) throw invalidValue('Invalid permission type.', 'permission.type');
    if (!['owner', 'organizer', 'fileOrganizer', 'writer', 'commenter', 'reader'].includes(role)) throw invalidValue('Invalid permission role.', 'permission.role');
    if (role === 'owner' && req.query.get('transferOwnership') !== 'true') {
      throw new DriveError(403, "The transferOwnership parameter must be enabled when the permission role is 'owner'.", { reason: 'forbidden', location: 'transferOwnership', locationType: 'parameter' });
    }
    const email = typeof body.emailAddress === 'string' ? body.emailAddress.trim() : undefined;
    if ((type === 'user' || type === 'group') && !email) {
      throw new DriveError(400, 'The permission emailAddress field is required for type user or group.', { reason: 'required', location: 'permission.emailAddress', locationType: 'other' });
    }
    if (email !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalidValue(`Invalid email address: ${email}`, 'permission.emailAddress');
    // Drive gives a person one permission per file with a stable id, so sharing twice updates instead of adding.
    const id = type === 'anyone' ? 'anyoneWithLink' : permissionIdFor(email ?? String(body.domain ?? ''));
    let permission = file.permissions.find((p) => p.id === id);
    if (permission) {
      permission.role = role;
    } else {
      permission = {
        kind: 'drive#permission',
        id,
        type: type as DrivePermission['type'],
        role,
        ...(email !== undefined && { emailAddress: email, displayName: email.split('@')[0] }),
        ...(typeof body.domain === 'string' && { domain: body.domain }),
        deleted: false,
        pendingOwner: false,
      };
      file.permissions.push(permission);
      file.permissionIds.push(id);
      file.shared = true;
      this.track('permission', { fileId: file.id, ...permission, sendNotificationEmail: req.query.get('sendNotificationEmail') !== 'false' });
    }
    return this.select(req, permission, DEFAULT_PERMISSION_FIELDS, PERMISSION_SCHEMA);
  }

  private permissions(req: FakeRequest, fileId: string): FakeResponse {
    const file = this.file(fileId);
    return this.select(req, { kind: 'drive#permissionList', permissions: file.permissions }, DEFAULT_PERMISSION_LIST_FIELDS, PERMISSION_LIST_SCHEMA);
  }
}

/** Google permission ids for people are long decimal strings, the same on every file. */
function permissionIdFor(email: string): string {
  const digest = createHash('sha256').update(email.toLowerCase()).digest();
  let out = '';
  for (let i = 0; out.length < 20; i++) out += String((digest[i % digest.length] as number) % 10);
  return `0${out.slice(1)}`;
}

function sortFiles(files: DriveFile[], orderBy: string | null): void {
  if (!orderBy) return;
  const keys = orderBy.split(',').map((k) => {
    const [field = '', dir] = k.trim().split(/\s+/);
    return { field, desc: dir === 'desc' };
  });
  const value = (f: DriveFile, field: string): string => {
    if (field === 'folder') return f.mimeType === FOLDER_MIME ? '0' : '1';
    if (field === 'name' || field === 'name_natural') return f.name.toLowerCase();
    if (field === 'createdTime' || field === 'modifiedTime') return String(f[field]);
    return '';
  };
  files.sort((a, b) => {
    for (const { field, desc } of keys) {
      const x = value(a, field);
      const y = value(b, field);
      if (x !== y) return (x < y ? -1 : 1) * (desc ? -1 : 1);
    }
    return 0;
  });
}
