// Keel's folder boundaries (../shared/DESIGN.md, "Folders"), enforced: each folder may import only what its
// row allows. Modelled on VS Code's code-layering rule: a map, not a comment.
import { builtinModules } from 'node:module';
import path from 'node:path';

const NODE = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/**
 * Layers, most specific first. `local` lists repo paths (prefixes) a file in the layer may import;
 * `packages` says which npm packages: 'any', 'any-but-electron', or a list. Node built-ins follow `node`.
 */
export const LAYERS = [
  { name: 'the contract (preload/api.ts)', files: ['preload/api.ts'], local: [], packages: ['zod'], node: false },
  { name: 'the preload bridge', files: ['preload/index.ts'], local: ['preload/api.ts'], packages: ['electron'], node: false },
  { name: 'the renderer', files: ['renderer/'], local: ['renderer/', 'preload/api.ts'], packages: 'any-but-electron', node: false },
  { name: 'the store (db/)', files: ['db/'], local: ['db/'], packages: ['drizzle-orm', 'drizzle-kit', 'better-sqlite3'], node: true },
  { name: 'the Electron shell', files: ['main/index.ts', 'main/electron/'], local: ['main/', 'db/', 'preload/api.ts'], packages: 'any', node: true },
  { name: 'the ledger', files: ['main/ledger/'], local: ['main/ledger/', 'db/'], packages: 'any-but-electron', node: true },
  { name: 'the vault', files: ['main/vault/'], local: ['main/vault/'], packages: 'any-but-electron', node: true },
  { name: 'the tunnel', files: ['main/tunnel/'], local: ['main/tunnel/'], packages: 'any-but-electron', node: true },
  { name: 'the sandbox fakes', files: ['main/sandbox/'], local: ['main/sandbox/'], packages: 'any-but-electron', node: true },
  { name: 'the connectors', files: ['main/connectors/'], local: ['main/connectors/', 'main/sandbox/'], packages: 'any-but-electron', node: true },
  { name: 'the engine', files: ['main/engine/'], local: ['main/engine/', 'main/ledger/', 'main/connectors/connector.ts', 'main/connectors/failure.ts', 'main/connectors/recording.ts', 'db/', 'preload/api.ts'], packages: 'any-but-electron', node: true },
  // Intake stores the delivery and creates its run in one transaction, so it reaches the engine's startRun.
  { name: 'the intake', files: ['main/intake/'], local: ['main/intake/', 'main/ledger/', 'main/engine/', 'main/vault/', 'db/'], packages: 'any-but-electron', node: true },
  { name: 'the core', files: ['main/'], local: ['main/', 'db/', 'preload/api.ts'], packages: 'any-but-electron', node: true },
  { name: 'the end-to-end tests', files: ['e2e/'], local: ['e2e/', 'main/', 'db/', 'preload/api.ts', 'scripts/'], packages: 'any', node: true },
];

function layerOf(relative) {
  return LAYERS.find((l) => l.files.some((f) => (f.endsWith('/') ? relative.startsWith(f) : relative === f)));
}

function packageName(source) {
  const parts = source.split('/');
  return source.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The repo-relative path an import points at, extension-less imports resolved to .ts/.tsx/index.ts. */
function localTarget(fromRelative, source) {
  const joined = path.posix.normalize(path.posix.join(path.posix.dirname(fromRelative), source));
  if (/\.(ts|tsx|js|mjs|json|css)$/.test(joined)) return joined;
  return `${joined}.ts`;
}

/** Tests may also use the shared test support (harnesses, temp stores, in-memory ports). */
const TEST_SUPPORT = ['main/test-support/', 'db/'];

function allowedLocal(layer, target, isTest) {
  return [...layer.local, ...(isTest ? TEST_SUPPORT : [])].some((allowed) =>
    allowed.endsWith('/') ? target.startsWith(allowed) : target === allowed || target === allowed.replace(/\.ts$/, '.tsx'));
}

export default {
  meta: {
    type: 'problem',
    docs: { description: "Keeps each folder to the imports DESIGN.md allows it (electron only in the shell)." },
    schema: [],
    messages: {
      forbidden: '{{layer}} may not import "{{source}}": {{why}} (see ../shared/DESIGN.md, Folders).',
    },
  },
  create(context) {
    const root = context.cwd;
    const relative = path.relative(root, context.filename).split(path.sep).join('/');
    const layer = layerOf(relative);
    if (!layer) return {};
    const isTest = /\.test\.tsx?$/.test(relative);
    const check = (node, source) => {
      if (typeof source !== 'string') return;
      let why;
      if (source.startsWith('.')) {
        const target = localTarget(relative, source);
        // A directory import (`../sandbox`) resolves to its index.ts.
        const candidates = [target, target.replace(/\.ts$/, '/index.ts')];
        if (!candidates.some((t) => allowedLocal(layer, t, isTest))) why = `it lies outside what this folder may use (${layer.local.join(', ') || 'nothing local'})`;
      } else if (NODE.has(source)) {
        if (!layer.node) why = 'Node built-ins are not available here';
      } else {
        const name = packageName(source);
        if (name === 'electron' && layer.packages !== 'any' && !(Array.isArray(layer.packages) && layer.packages.includes('electron'))) {
          why = 'electron is imported only in main/index.ts, main/electron/ and preload/index.ts, so the core runs under plain Node';
        } else if (Array.isArray(layer.packages) && !layer.packages.includes(name)) {
          why = `only ${layer.packages.join(', ')} may be imported here`;
        }
      }
      if (why) context.report({ node, messageId: 'forbidden', data: { layer: layer.name, source, why } });
    };
    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
      CallExpression: (node) => {
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && node.arguments[0]?.type === 'Literal') {
          check(node.arguments[0], node.arguments[0].value);
        }
      },
    };
  },
};
