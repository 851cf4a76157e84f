/** Serves the built renderer (out/renderer) with the right types, and index.html for every page route. */
import fs from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

export interface StaticFile {
  type: string;
  body: Buffer;
  immutable: boolean;
}

export function createStaticFiles(root: string): (urlPath: string) => StaticFile | undefined {
  const resolvedRoot = path.resolve(root);
  return (urlPath) => {
    let relative: string;
    try {
      relative = decodeURIComponent(urlPath.split('?')[0]!);
    } catch {
      return undefined;
    }
    if (relative === '/' || relative === '') relative = '/index.html';
    const file = path.resolve(resolvedRoot, `.${relative}`);
    // Refuse anything that escapes the renderer folder (../, encoded or not).
    if (file !== resolvedRoot && !file.startsWith(resolvedRoot + path.sep)) return undefined;
    try {
      const body = fs.readFileSync(file);
      return { type: TYPES[path.extname(file)] ?? 'application/octet-stream', body, immutable: relative.startsWith('/assets/') };
    } catch {
      return undefined;
    }
  };
}
