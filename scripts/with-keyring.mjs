// Runs a command inside a private D-Bus session with a fresh, unlocked GNOME Keyring: the real Secret Service
// the vault talks to on Linux, isolated from the user's own keyring. Usage: node scripts/with-keyring.mjs CMD...
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const command = process.argv.slice(2);
if (!command.length) {
  console.error('usage: node scripts/with-keyring.mjs <command> [args...]');
  process.exit(2);
}

function keyringAvailable() {
  return process.platform === 'linux' && existsSync('/usr/bin/dbus-run-session') && existsSync('/usr/bin/gnome-keyring-daemon');
}

let child;
if (!keyringAvailable() || process.env.KEEL_KEYRING_SESSION === '1') {
  // Already inside one (or not Linux): the OS keychain is whatever this session has.
  child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
} else {
  const home = mkdtempSync(path.join(os.tmpdir(), 'keel-keyring-'));
  const data = path.join(home, 'data');
  const runtime = path.join(home, 'run');
  mkdirSync(data, { recursive: true });
  mkdirSync(runtime, { recursive: true });
  chmodSync(runtime, 0o700);
  const script = 'eval "$(printf %s keel-test-keyring | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)"; export GNOME_KEYRING_CONTROL; exec "$@"';
  child = spawn('dbus-run-session', ['--', 'sh', '-c', script, 'sh', ...command], {
    stdio: 'inherit',
    env: { ...process.env, XDG_DATA_HOME: data, XDG_RUNTIME_DIR: runtime, KEEL_KEYRING_SESSION: '1' },
  });
  child.on('exit', () => rmSync(home, { recursive: true, force: true }));
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
