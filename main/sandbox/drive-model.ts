/**
 * Drive v3 resources and Google's error envelope. Files keep their full representation here; what a caller
 * sees is cut down by `fields` (default: kind, id, name, mimeType) in the fake.
 */
import type { FakeResponse } from './fake-server';
import type { FieldSchema } from './drive-fields';

export const FOLDER_MIME = 'application/vnd.google-apps.folder';

export interface DriveUser {
  kind: 'drive#user';
  displayName: string;
  emailAddress: string;
  permissionId: string;
  me: boolean;
  photoLink: string;
}

export interface DrivePermission {
  kind: 'drive#permission';
  id: string;
  type: 'user' | 'group' | 'domain' | 'anyone';
  role: string;
  emailAddress?: string;
  domain?: string;
  displayName?: string;
  deleted: boolean;
  pendingOwner: boolean;
}

export interface DriveFile {
  kind: 'drive#file';
  id: string;
  name: string;
  mimeType: string;
  parents: string[];
  appProperties: Record<string, string>;
  properties: Record<string, string>;
  description?: string;
  starred: boolean;
  trashed: boolean;
  explicitlyTrashed: boolean;
  createdTime: string;
  modifiedTime: string;
  webViewLink: string;
  iconLink: string;
  owners: DriveUser[];
  lastModifyingUser: DriveUser;
  shared: boolean;
  ownedByMe: boolean;
  permissions: DrivePermission[];
  permissionIds: string[];
  [key: string]: unknown;
}

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export interface GoogleErrorDetail {
  reason: string;
  message?: string;
  domain?: string;
  location?: string;
  locationType?: string;
}

export class DriveError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly detail: GoogleErrorDetail,
  ) {
    super(message);
  }
}

export function googleErrorResponse(status: number, message: string, detail: GoogleErrorDetail, headers: Record<string, string> = {}): FakeResponse {
  const item: Record<string, string> = { message: detail.message ?? message, domain: detail.domain ?? 'global', reason: detail.reason };
  if (detail.location) item.location = detail.location;
  if (detail.locationType) item.locationType = detail.locationType;
  const error: Record<string, unknown> = { code: status, message, errors: [item] };
  const text = GOOGLE_STATUS[status];
  if (text) error.status = text;
  return { status, body: { error }, headers };
}

/** Google's usual words for each status, for injected faults. */
export function defaultGoogleError(status: number, reason?: string): { message: string; detail: GoogleErrorDetail } {
  if (reason === 'userRateLimitExceeded') return { message: 'User Rate Limit Exceeded', detail: { reason, domain: 'usageLimits' } };
  if (reason === 'rateLimitExceeded' || status === 429) {
    return { message: 'Rate Limit Exceeded', detail: { reason: 'rateLimitExceeded', domain: 'usageLimits' } };
  }
  switch (status) {
    case 400:
      return { message: 'Bad Request', detail: { reason: 'badRequest' } };
    case 401:
      return { message: 'Invalid Credentials', detail: { reason: 'authError', location: 'Authorization', locationType: 'header' } };
    case 403:
      return { message: 'The user does not have sufficient permissions for this file.', detail: { reason: 'insufficientFilePermissions' } };
    case 404:
      return { message: 'File not found.', detail: { reason: 'notFound' } };
    case 503:
      return { message: 'The service is currently unavailable.', detail: { reason: 'backendError' } };
    default:
      return status >= 500
        ? { message: 'Internal Error', detail: { reason: 'backendError' } }
        : { message: `Request failed with status ${status}`, detail: { reason: 'badRequest' } };
  }
}

export function notFound(id: string, location = 'fileId'): DriveError {
  return new DriveError(404, `File not found: ${id}.`, { reason: 'notFound', location, locationType: 'parameter' });
}

export function invalidValue(message: string, location: string): DriveError {
  return new DriveError(400, message, { reason: 'invalid', location, locationType: 'parameter' });
}

const FILE_FIELD_NAMES = [
  'kind', 'id', 'name', 'mimeType', 'parents', 'appProperties', 'properties', 'description', 'starred', 'trashed',
  'explicitlyTrashed', 'createdTime', 'modifiedTime', 'webViewLink', 'iconLink', 'owners', 'lastModifyingUser',
  'shared', 'ownedByMe', 'permissions', 'permissionIds', 'capabilities', 'spaces', 'version', 'driveId',
  'folderColorRgb', 'viewersCanCopyContent', 'copyRequiresWriterPermission', 'writersCanShare', 'modifiedByMe',
  'modifiedByMeTime', 'viewedByMe', 'viewedByMeTime', 'isAppAuthorized', 'hasThumbnail', 'thumbnailLink',
  'thumbnailVersion', 'quotaBytesUsed', 'size', 'webContentLink', 'resourceKey', 'sharingUser', 'teamDriveId',
];

export const FILE_SCHEMA: FieldSchema = Object.fromEntries(FILE_FIELD_NAMES.map((n) => [n, true]));
export const FILE_LIST_SCHEMA: FieldSchema = { kind: true, nextPageToken: true, incompleteSearch: true, files: FILE_SCHEMA };
export const PERMISSION_SCHEMA: FieldSchema = Object.fromEntries(
  ['kind', 'id', 'type', 'role', 'emailAddress', 'domain', 'displayName', 'photoLink', 'deleted', 'pendingOwner', 'expirationTime', 'view', 'allowFileDiscovery', 'permissionDetails'].map((n) => [n, true]),
);
export const PERMISSION_LIST_SCHEMA: FieldSchema = { kind: true, nextPageToken: true, permissions: PERMISSION_SCHEMA };
export const ABOUT_SCHEMA: FieldSchema = {
  kind: true,
  user: true,
  storageQuota: true,
  maxUploadSize: true,
  appInstalled: true,
  exportFormats: true,
  importFormats: true,
  canCreateDrives: true,
};

export const DEFAULT_FILE_FIELDS = 'kind,id,name,mimeType';
export const DEFAULT_LIST_FIELDS = 'kind,nextPageToken,incompleteSearch,files(kind,id,name,mimeType)';
export const DEFAULT_PERMISSION_FIELDS = 'kind,id,type,role';
export const DEFAULT_PERMISSION_LIST_FIELDS = 'kind,nextPageToken,permissions(kind,id,type,role)';

export function webViewLink(file: { id: string; mimeType: string }): string {
  return file.mimeType === FOLDER_MIME
    ? `https://drive.google.com/drive/folders/${file.id}`
    : `https://drive.google.com/file/d/${file.id}/view?usp=drivesdk`;
}

/** Drive's limit for one app property: key plus value at most 124 bytes (UTF-8). */
export function checkProperties(props: unknown, field: string): Record<string, string | null> {
  if (props === undefined || props === null) return {};
  if (typeof props !== 'object' || Array.isArray(props)) throw invalidValue(`Invalid value for ${field}`, field);
  const out: Record<string, string | null> = {};
  for (const [key, value] of Object.entries(props as Record<string, unknown>)) {
    if (value !== null && typeof value !== 'string') throw invalidValue(`Invalid value for ${field}.${key}`, field);
    if (Buffer.byteLength(key) + Buffer.byteLength(value ?? '') > 124) {
      throw new DriveError(400, `The size of the property ${key} exceeds the 124 bytes limit on key + value size.`, {
        reason: 'invalidProperty',
        location: field,
        locationType: 'other',
      });
    }
    out[key] = value as string | null;
  }
  return out;
}
