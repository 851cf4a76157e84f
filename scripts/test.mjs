// `npm test`: every check and every test, in the order a failure is cheapest to find. Stops at the first
// failing stage and ends with one summary line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensureSystemPackages } from './system-packages.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
process.chdir(root);
ensureSystemPackages();
rmSync('test-results', { recursive: true, force: true });

const keyring = ['node', 'scripts/with-keyring.mjs'];
const stages = [
  ['build', ['npx', 'electron-vite', 'build', '--logLevel', 'warn']],
  ['typecheck', ['npx', 'tsc', '--noEmit', '-p', '.']],
  ['lint', ['npx', 'eslint', '.', '--max-warnings', '0']],
  ['electron security review (electronegativity)', ['node', 'scripts/electronegativity.mjs']],
  ['unit and integration tests', [...keyring, 'npx', 'vitest', 'run', '--reporter=default', '--reporter=json', '--outputFile.json=test-results/vitest.json']],
  ['end-to-end tests', [...keyring, 'npx', 'playwright', 'test', '-c', 'e2e/playwright.config.ts']],
];

for (const [name, [command, ...args]] of stages) {
  console.log(`\n=== ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  if (result.status !== 0) {
    summarise();
    console.error(`\nnpm test: the ${name} stage failed.`);
    process.exit(result.status ?? 1);
  }
}
summarise();

function summarise() {
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  if (existsSync('test-results/vitest.json')) {
    const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
    passed += v.numPassedTests;
    failed += v.numFailedTests;
    skipped += v.numPendingTests + v.numTodoTests;
  }
  if (existsSync('test-results/playwright.json')) {
    const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
    passed += p.stats.expected + p.stats.flaky;
    failed += p.stats.unexpected;
    skipped += p.stats.skipped;
    for (const reason of skipReasons(p.suites)) console.log(`skipped: ${reason}`);
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped`);
}

/** Every skipped Playwright test with the reason its spec gives, so a skip is never silent. */
function skipReasons(suites, found = []) {
  for (const suite of suites ?? []) {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        if (t.status !== 'skipped') continue;
        const why = [...(t.annotations ?? []), ...(t.results ?? []).flatMap((r) => r.annotations ?? [])].find((a) => a.type === 'skip')?.description;
        found.push(`${spec.title} — ${why ?? 'no reason given'}`);
      }
    }
    skipReasons(suite.suites, found);
  }
  return found;
}
