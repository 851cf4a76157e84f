#!/usr/bin/env node
// The `keel` command runs from the build (npm install builds it; so does npm start and npm test).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(cli))) {
  console.error(`keel: Keel is not built yet. Run \`npm run build\` in ${fileURLToPath(new URL('..', import.meta.url))}`);
  process.exit(1);
}
await import(cli.href);
