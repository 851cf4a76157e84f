/**
 * cloudflared through the Tunnel interface, with a fake `cloudflared` script on a temporary PATH that prints
 * what the real one prints (Cloudflare's edge cannot be reached from here, and the binary is not installed).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createTunnel, findCloudflared, type Tunnel } from './index';
import { waitForState, waitForStatus, waitUntil } from './testing/wait-for-state';

const quick = { initialDelayMs: 20, maxDelayMs: 100, attemptTimeoutMs: 5_000 };

/**
 * Run n prints a banner with `https://fake-tunnel-<n>.trycloudflare.com`, records its pid and arguments, then
 * waits — unless run n is listed in FAKE_EXIT_RUNS, where it exits 1 (after the URL, or before it with
 * FAKE_NO_URL=1), as cloudflared does when the edge throws it out.
 */
const FAKE = `#!/bin/sh
dir="\${0%/*}"
n=$(( $(/bin/cat "$dir/runs" 2>/dev/null || echo 0) + 1 ))
echo $n > "$dir/runs"
echo "$$ $*" >> "$dir/calls"
echo "2026-11-26T10:00:00Z INF Requesting new quick Tunnel on trycloudflare.com..." >&2
if [ "$FAKE_NO_URL" != "1" ]; then
  echo "2026-11-26T10:00:01Z INF +----------------------------------------------------------+" >&2
  echo "2026-11-26T10:00:01Z INF |  Your quick Tunnel has been created! Visit it at (it may take some time to be reachable):  |" >&2
  echo "2026-11-26T10:00:01Z INF |  https://fake-tunnel-$n.trycloudflare.com                 |" >&2
  echo "2026-11-26T10:00:01Z INF +----------------------------------------------------------+" >&2
fi
case " $FAKE_EXIT_RUNS " in *" $n "*)
  echo "2026-11-26T10:00:02Z ERR failed to serve tunnel connection error=\\"edge closed\\"" >&2
  exit 1;;
esac
exec /bin/sleep 600
`;

const dirs: string[] = [];
const tunnels: Tunnel[] = [];
afterEach(async () => {
  await Promise.all(tunnels.splice(0).map((t) => t.stop()));
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function fakeBin(withCloudflared = true): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'keel-cloudflared-'));
  dirs.push(dir);
  if (withCloudflared) fs.writeFileSync(path.join(dir, 'cloudflared'), FAKE, { mode: 0o755 });
  return dir;
}

function calls(dir: string): { pid: number; args: string }[] {
  if (!fs.existsSync(path.join(dir, 'calls'))) return [];
  return fs.readFileSync(path.join(dir, 'calls'), 'utf8').trim().split('\n').map((line) => {
    const [pid, ...args] = line.split(' ');
    return { pid: Number(pid), args: args.join(' ') };
  });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tunnelOn(dir: string, env: Record<string, string> = {}, binary = 'cloudflared'): Tunnel {
  const tunnel = createTunnel({
    settings: { provider: 'cloudflared', binary },
    intakePort: 6123,
    getSecret: async () => null,
    policy: quick,
    env: { PATH: dir, ...env },
  });
  tunnels.push(tunnel);
  return tunnel;
}

describe('cloudflared (fake binary on a temporary PATH)', () => {
  it('says plainly that cloudflared is not installed, and does not retry', async () => {
    const dir = fakeBin(false);
    expect(findCloudflared('cloudflared', { PATH: dir })).toBeNull();
    const tunnel = tunnelOn(dir);
    tunnel.start();
    const status = await waitForState(tunnel, 'error');
    expect(status.reason).toMatch(/^cloudflared is not installed \(no "cloudflared" on the PATH\): install it/);
    expect(status.nextAttemptAt).toBeNull();
  });

  it('runs a quick tunnel to the intake port only, reports its URL, and ends the process on stop', async () => {
    const dir = fakeBin();
    expect(findCloudflared('cloudflared', { PATH: `/nonexistent${path.delimiter}${dir}` })).toBe(path.join(dir, 'cloudflared'));
    const tunnel = tunnelOn(dir);
    tunnel.start();
    const up = await waitForState(tunnel, 'up');
    expect(up.publicUrl).toBe('https://fake-tunnel-1.trycloudflare.com');
    expect(tunnel.publicUrlFor('contracts')).toBe('https://fake-tunnel-1.trycloudflare.com/hooks/contracts');
    const [call] = calls(dir);
    expect(call!.args).toBe('tunnel --no-autoupdate --url http://127.0.0.1:6123');
    expect(alive(call!.pid)).toBe(true);
    await tunnel.stop();
    expect(alive(call!.pid)).toBe(false);
    expect(tunnel.status()).toMatchObject({ state: 'down', reason: 'stopped' });
  });

  it('goes down when cloudflared exits, saying why, and starts a new quick tunnel', async () => {
    const dir = fakeBin();
    const tunnel = tunnelOn(dir, { FAKE_EXIT_RUNS: '1' });
    const states: string[] = [];
    tunnel.onTransition(({ to }) => states.push(`${to.state} ${to.publicUrl ?? to.reason ?? ''}`));
    tunnel.start();
    const back = await waitForStatus(tunnel, (s) => s.publicUrl === 'https://fake-tunnel-2.trycloudflare.com', 'the second quick tunnel');
    expect(back.state).toBe('up');
    const down = states.find((s) => s.startsWith('down'))!;
    expect(down).toContain('cloudflared exited with code 1: ');
    expect(down).toContain('ERR failed to serve tunnel connection');
    expect(calls(dir)).toHaveLength(2);
  });

  it('retries when cloudflared exits before giving a URL', async () => {
    const dir = fakeBin();
    const tunnel = tunnelOn(dir, { FAKE_NO_URL: '1', FAKE_EXIT_RUNS: '1 2 3 4 5 6 7 8 9' });
    tunnel.start();
    const status = await waitForStatus(tunnel, (s) => s.failures >= 2, 'two failed attempts');
    expect(status.reason).toMatch(/^cloudflared exited with code 1 before giving a public URL: .*ERR failed to serve/);
    await tunnel.stop();
    await waitUntil(() => calls(dir).every((c) => !alive(c.pid)), 'every fake cloudflared to end');
  });

  it('accepts a full path to the binary', async () => {
    const dir = fakeBin();
    const tunnel = tunnelOn('/nonexistent', {}, path.join(dir, 'cloudflared'));
    tunnel.start();
    expect((await waitForState(tunnel, 'up')).publicUrl).toBe('https://fake-tunnel-1.trycloudflare.com');
  });
});
