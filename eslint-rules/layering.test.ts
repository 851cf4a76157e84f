/** The boundary rule really fails: electron in the core, the core in the renderer, Node in the contract. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.ruleId === 'keel/layering').map((m) => m.message);
}

describe('the layering lint rule', () => {
  it('fails when the core imports electron', async () => {
    const found = await problems('main/engine/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n");
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('electron is imported only in main/index.ts');
  });

  it('fails for require and dynamic import of electron too', async () => {
    expect(await problems('main/core/fixture.ts', "export const e = await import('electron');\n")).toHaveLength(1);
  });

  it('allows electron in the shell and the preload bridge', async () => {
    expect(await problems('main/electron/fixture.ts', "import { app } from 'electron';\nexport const x = app;\n")).toEqual([]);
    expect(await problems('preload/index.ts', "import { contextBridge } from 'electron';\nexport const x = contextBridge;\n")).toEqual([]);
  });

  it('keeps the renderer to the contract', async () => {
    const found = await problems('renderer/src/fixture.ts', "import { Engine } from '../../main/engine/engine';\nexport const x = Engine;\n");
    expect(found[0]).toContain('the renderer may not import');
    expect(await problems('renderer/src/fixture.ts', "import type { RunSummary } from '../../preload/api';\nexport type X = RunSummary;\n")).toEqual([]);
    expect(await problems('renderer/src/fixture.ts', "import fs from 'node:fs';\nexport const x = fs;\n")).toHaveLength(1);
  });

  it('keeps the contract to zod', async () => {
    expect(await problems('preload/api.ts', "import { z } from 'zod';\nimport fs from 'node:fs';\nexport const x = [z, fs];\n")).toHaveLength(1);
  });

  it('keeps the engine off the intake', async () => {
    expect(await problems('main/engine/fixture.ts', "import { Intake } from '../intake/intake';\nexport const x = Intake;\n")).toHaveLength(1);
  });
});
