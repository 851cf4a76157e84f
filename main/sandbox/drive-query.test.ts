/**
 * Drive's `q` search language and `fields` partial responses.
 */
import { describe, expect, it } from 'vitest';
import { applyFields, FieldSelectionError, parseFields, validateFields } from './drive-fields';
import { FILE_LIST_SCHEMA } from './drive-model';
import { DriveQueryError, parseDriveQuery, type DriveFileView } from './drive-query';

const file: DriveFileView = {
  id: '1abc', name: "Acme's folder", mimeType: 'application/vnd.google-apps.folder', trashed: false, starred: false,
  parents: ['root1'], createdTime: '2026-11-01T00:00:00.000Z', modifiedTime: '2026-11-02T00:00:00.000Z',
  appProperties: { keel_run: 'r1', keel_step: 'drive_folder' }, properties: {}, owners: ['me@keel.example'], writers: ['ada@acme.example'], readers: [],
};
const q = (query: string) => parseDriveQuery(query)(file);

describe('drive q', () => {
  it('supports the terms the connectors use', () => {
    expect(q("appProperties has { key='keel_run' and value='r1' } and appProperties has { key='keel_step' and value='drive_folder' } and trashed = false")).toBe(true);
    expect(q("appProperties has { key='keel_run' and value='r2' }")).toBe(false);
    expect(q("name = 'Acme\\'s folder' and mimeType = 'application/vnd.google-apps.folder'")).toBe(true);
    expect(q("name contains 'acme' and 'root1' in parents")).toBe(true);
    expect(q("'ada@acme.example' in writers and not 'ada@acme.example' in owners")).toBe(true);
    expect(q("(name = 'x' or trashed = false) and modifiedTime > '2026-11-01T12:00:00Z'")).toBe(true);
    expect(q('trashed = true OR starred = true')).toBe(false);
  });

  it('refuses what it cannot read', () => {
    for (const bad of ["appProperties has { key='k' }", "name = 'open", "colour = 'red'", 'trashed = maybe', "name < 'x'", "name = 'a' and", "'x' in friends"]) {
      expect(() => parseDriveQuery(bad), bad).toThrow(DriveQueryError);
    }
  });
});

describe('fields', () => {
  const list = { kind: 'drive#fileList', nextPageToken: 't', incompleteSearch: false, files: [{ kind: 'drive#file', id: '1', name: 'a', appProperties: { k: 'v' } }] };

  it('selects nested and slash paths', () => {
    expect(applyFields(list, parseFields('files(id,appProperties),nextPageToken'))).toEqual({ nextPageToken: 't', files: [{ id: '1', appProperties: { k: 'v' } }] });
    expect(applyFields(list, parseFields('files/name'))).toEqual({ files: [{ name: 'a' }] });
    expect(applyFields(list, parseFields('*'))).toEqual(list);
  });

  it('refuses unknown fields and bad syntax', () => {
    expect(() => validateFields(parseFields('files(id,colour)'), FILE_LIST_SCHEMA)).toThrow(FieldSelectionError);
    expect(() => validateFields(parseFields('items'), FILE_LIST_SCHEMA)).toThrow(FieldSelectionError);
    expect(() => parseFields('files(id')).toThrow(FieldSelectionError);
    expect(() => parseFields('a,,b')).toThrow(FieldSelectionError);
  });
});
