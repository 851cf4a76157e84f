// The Debian packages Keel's tests need: a real browser and a real keychain (Secret Service in a private D-Bus
// session). Installed when we can (root with apt); otherwise we stop at once, naming what to install.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const NEEDS = [
  { file: '/usr/bin/chromium', packages: ['chromium'] },
  { file: '/usr/bin/gnome-keyring-daemon', packages: ['gnome-keyring'] },
  { file: '/usr/bin/dbus-run-session', packages: ['dbus', 'dbus-x11'] },
  { file: '/usr/bin/secret-tool', packages: ['libsecret-tools'] },
  { file: '/usr/bin/pdftoppm', packages: ['poppler-utils'] },
];

export function ensureSystemPackages() {
  const missing = NEEDS.filter((n) => !existsSync(n.file)).flatMap((n) => n.packages);
  if (!missing.length) return;
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    console.error(`Keel's tests need these system packages: ${missing.join(' ')}. Install them (sudo apt-get install -y ${missing.join(' ')}) and run npm test again.`);
    process.exit(1);
  }
  console.log(`Installing system packages the tests need: ${missing.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env });
  if (!install || install.status !== 0) {
    console.error(`Could not install ${missing.join(' ')} with apt-get; install them by hand and run npm test again.`);
    process.exit(1);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) ensureSystemPackages();
