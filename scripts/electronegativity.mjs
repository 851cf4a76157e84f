// `npm run electronegativity`: @doyensec/electronegativity over the desktop app's source (the Electron shell in
// main/, the preload bridge in preload/, the console page in renderer/). Fails on any HIGH or MEDIUM finding
// that scripts/electronegativity-allow.json does not accept with a reason, and on any accepted entry that no
// longer matches a finding, so the list stays a true record of what was reviewed.
//
// Offline by design. Out of the box the tool fetches its translations from S3 and Electron's release list
// from GitHub on every run; here the translations are loaded from the package itself, and the release check
// (it only says whether a newer Electron exists, which npm and Dependabot already watch) is not run.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const SOURCES = ['main', 'preload', 'renderer'];
const FAILING = new Set(['HIGH', 'MEDIUM']);
// Lower-cased as the tool compares them. ElectronVersionJSONCheck only feeds the release check.
const NETWORK_CHECKS = ['availablesecurityfixesglobalcheck', 'electronversionjsoncheck'];
const allowFile = path.join(root, 'scripts', 'electronegativity-allow.json');

/** The tool, with its translations read from its own package instead of S3. */
function offlineElectronegativity() {
  const i18nPath = require.resolve('@doyensec/electronegativity/dist/locales/i18n.js');
  const i18n = createRequire(i18nPath)('i18n');
  const local = new Module(i18nPath);
  local.filename = i18nPath;
  local.loaded = true;
  local.exports = async function loadBundledTranslations() {
    i18n.configure({ locales: ['en-US'], defaultLocale: 'en-US', directory: path.dirname(i18nPath), updateFiles: false, objectNotation: true, register: globalThis });
    i18n.setLocale('en-US');
  };
  require.cache[i18nPath] = local;
  return require('@doyensec/electronegativity');
}

/** The shipped source only (tests are not part of the app), plus package.json, in a folder of its own. */
function stageSources() {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'keel-electronegativity-'));
  for (const folder of SOURCES) {
    cpSync(path.join(root, folder), path.join(stage, folder), {
      recursive: true,
      filter: (source) => !/[\\/]node_modules([\\/]|$)/.test(source) && !/\.test\.tsx?$/.test(source),
    });
  }
  cpSync(path.join(root, 'package.json'), path.join(stage, 'package.json'));
  return stage;
}

function readAllowList() {
  const { accepted } = JSON.parse(readFileSync(allowFile, 'utf8'));
  for (const entry of accepted) {
    if (!entry.check || !entry.file || typeof entry.reason !== 'string' || entry.reason.trim().length < 20) {
      throw new Error(`${path.relative(root, allowFile)}: every entry needs "check", "file" and a real "reason": ${JSON.stringify(entry)}`);
    }
  }
  return accepted;
}

const accepted = readAllowList();
const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
const stage = stageSources();
let result;
try {
  result = await offlineElectronegativity()({
    input: stage,
    isRelative: true,
    isVerbose: false,
    customScan: [],
    excludeFromScan: NETWORK_CHECKS,
    electronVersionOverride: electronVersion,
    parserPlugins: [],
  });
} finally {
  rmSync(stage, { recursive: true, force: true });
}

const parseErrors = result.errors.filter((e) => !e.tolerable);
const findings = result.issues
  .filter((i) => FAILING.has(i.severity.name))
  .map((i) => ({ check: i.id, file: i.file.split(path.sep).join('/'), where: `${i.location.line}:${i.location.column}`, severity: i.severity.name, confidence: i.confidence.name, description: i.description }));
const isAccepted = (f) => accepted.some((a) => a.check === f.check && a.file === f.file);
const unexplained = findings.filter((f) => !isAccepted(f));
const stale = accepted.filter((a) => !findings.some((f) => a.check === f.check && a.file === f.file));

console.log(`electronegativity ${require('@doyensec/electronegativity/package.json').version} (Electron ${electronVersion}): ${result.globalChecks + result.atomicChecks} checks over ${SOURCES.join('/, ')}/`);
for (const f of findings.filter(isAccepted)) console.log(`  accepted  ${f.severity} ${f.check} ${f.file}:${f.where}`);
for (const f of unexplained) console.error(`  FINDING   ${f.severity} ${f.check} ${f.file}:${f.where} (${f.confidence}): ${f.description}`);
for (const a of stale) console.error(`  STALE     ${a.check} ${a.file}: accepted in ${path.relative(root, allowFile)} but no longer found; remove the entry`);
for (const e of parseErrors) console.error(`  UNPARSED  ${path.relative(stage, e.file)}: ${e.message}`);

if (unexplained.length || stale.length || parseErrors.length) {
  console.error(`electronegativity: ${unexplained.length} unexplained finding(s), ${stale.length} stale allow-list entr${stale.length === 1 ? 'y' : 'ies'}, ${parseErrors.length} file(s) not analysed. Fix the code, or accept a finding in ${path.relative(root, allowFile)} with the reason it is safe.`);
  process.exit(1);
}
console.log(`electronegativity: no high or medium finding left unexplained (${findings.length} accepted with a reason).`);
