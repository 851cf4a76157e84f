/**
 * The shell's split, proved: every module here except the few that draw on Electron loads under plain `node`
 * with any load of `electron` made to fail. Those are the modules the other tests exercise; the rest only
 * apply their decisions to Electron objects.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/** The modules that import electron, and why each cannot avoid it. */
const ELECTRON_BOUND = new Map([
  ['window.ts', 'creates the BrowserWindow and locks the session and web contents'],
  ['tray.ts', 'draws the Tray and its Menu'],
  ['notifications.ts', 'shows native Notifications'],
]);

const here = import.meta.dirname;
const root = path.resolve(here, '..', '..');
const modules = fs.readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();

describe("the desktop shell's modules", () => {
  it('import electron only where listed', () => {
    const importing = modules.filter((f) => /from 'electron'|import\('electron'\)|require\('electron'\)/.test(fs.readFileSync(path.join(here, f), 'utf8')));
    expect(importing.sort()).toEqual([...ELECTRON_BOUND.keys()].sort());
  });

  it('load under plain Node with electron forbidden, all the others', async () => {
    const plain = modules.filter((f) => !ELECTRON_BOUND.has(f));
    const script = `${plain.map((f) => `await import(${JSON.stringify(`./main/electron/${f}`)});`).join('\n')}\nconsole.log('loaded ${plain.length}');`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', './main/test-support/forbid-electron.mjs', '--import', 'tsx', '--input-type=module', '-e', script],
      { cwd: root, timeout: 30_000 },
    );
    expect(stdout.trim()).toBe(`loaded ${plain.length}`);
  });
});
