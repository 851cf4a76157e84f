/**
 * What the installers read from package.json besides the build config: a deb refuses to build without a
 * maintainer (the author, with an address) and a homepage.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';

const pkg = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '..', '..', 'package.json'), 'utf8')) as {
  author?: { name?: string; email?: string };
  homepage?: string;
};

it('gives the deb a maintainer with an address and a homepage URL', () => {
  expect(pkg.author?.name).toBeTruthy();
  expect(pkg.author?.email).toMatch(/^[^@\s]+@[^@\s]+$/);
  expect(new URL(pkg.homepage ?? 'not a url').protocol).toBe('https:');
});
