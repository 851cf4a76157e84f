// `npm start`: build, then launch the desktop app; where Electron's binary is missing and cannot be fetched,
// say so in one line and start the headless console instead.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { electronBinary, fetchElectronBinary } from './electron-binary.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);

const build = spawnSync('npx', ['electron-vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

let binary = electronBinary();
if (!binary && process.env.KEEL_HEADLESS !== '1') binary = await fetchElectronBinary(spawnSync);

const run = (command, commandArgs) => {
  const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
};

if (binary && process.env.KEEL_HEADLESS !== '1') {
  run(binary, ['.', ...args]);
} else {
  console.log("Electron's binary is not installed here and could not be downloaded: starting Keel's headless console instead (open the Console URL below).");
  run(process.execPath, ['bin/keel.js', 'serve', ...args]);
}
