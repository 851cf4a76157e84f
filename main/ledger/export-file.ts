/**
 * Where an export's bytes go: a temporary file beside the target, hashed on the way, moved over the target
 * only when complete and recorded. A failed export leaves no half-written file that looks like a finished one.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

/** Expected failure: the export cannot be written where asked. The message says where and why. */
export class ExportTargetError extends Error {
  override name = 'ExportTargetError';
}

export interface ExportFile {
  /** Write the export here. */
  stream: Writable;
  /** Waits for the last byte on disk and says what was written; the file is not in place yet. */
  finish(): Promise<{ bytes: number; sha256: string }>;
  /** Moves the finished file over the target. */
  commit(): void;
  /** Removes the partial file (after a failure). */
  abort(): Promise<void>;
}

const REASONS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'the disk is read-only',
  ENOENT: 'the folder does not exist',
  ENOTDIR: 'a part of the path is not a folder',
  EISDIR: 'it is a folder',
  ENOSPC: 'the disk is full',
};

export function describeWriteError(target: string, error: unknown): ExportTargetError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new ExportTargetError(`Cannot write ${target}: ${REASONS[code] ?? (error as Error).message}.`);
}

/** Checks the target before any work is done, so a bad path fails at once rather than after a long read. */
export function checkTarget(target: string): void {
  const folder = path.dirname(target);
  try {
    if (fs.statSync(target, { throwIfNoEntry: false })?.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    if (!fs.statSync(folder).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    fs.accessSync(folder, fs.constants.W_OK);
  } catch (error) {
    throw describeWriteError(target, error);
  }
}

export async function openExportFile(target: string): Promise<ExportFile> {
  checkTarget(target);
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.partial-${process.pid}`);
  const file = fs.createWriteStream(partial, { flags: 'wx' });
  await new Promise<void>((resolve, reject) => {
    file.once('open', () => resolve());
    file.once('error', (error) => reject(describeWriteError(target, error)));
  });
  const sha256 = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      sha256.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  tap.pipe(file);
  return {
    stream: tap,
    async finish() {
      if (!tap.writableEnded) tap.end();
      try {
        await finished(file);
      } catch (error) {
        fs.rmSync(partial, { force: true });
        throw describeWriteError(target, error);
      }
      return { bytes, sha256: sha256.digest('hex') };
    },
    commit() {
      try {
        fs.renameSync(partial, target);
      } catch (error) {
        fs.rmSync(partial, { force: true });
        throw describeWriteError(target, error);
      }
    },
    async abort() {
      tap.destroy();
      file.destroy();
      fs.rmSync(partial, { force: true });
    },
  };
}
