/**
 * Bundles what a benchmark runs, the way the app ships: Keel's code in one ESM file per entry, packages
 * left to node_modules. The scenarios then run on plain `node`, without tsx's loader in the process, so
 * their CPU and memory figures are those of the built app.
 */
import { build } from 'esbuild';
import path from 'node:path';

export const buildDir = (root: string) => path.join(root, 'bench', '.build');

export async function bundle(root: string, entries: string[]): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(entries.map((e) => [path.basename(e, '.ts'), e])),
    outdir: buildDir(root),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
}
