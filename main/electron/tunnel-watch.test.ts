/** The tray follows the tunnel: nothing when none is configured, up with its URL, down when it drops. */
import { describe, expect, it } from 'vitest';
import type { TunnelStatusView } from '../../preload/api';
import { ConsoleEventHub } from '../console/events';
import { trayTunnel, tunnelWatch } from './tunnel-watch';

const status = (over: Partial<TunnelStatusView>): TunnelStatusView => ({
  provider: 'localtunnel', state: 'connecting', publicUrl: null, reason: null, since: 0, failures: 0, nextAttemptAt: null, ...over,
});

describe('the tray\'s tunnel', () => {
  it('is absent without a tunnel, down until it is up, and carries the public URL only while up', () => {
    expect(trayTunnel(status({ provider: 'none', state: 'down' }))).toBeNull();
    expect(trayTunnel(status({ state: 'connecting' }))).toEqual({ up: false, publicUrl: null });
    expect(trayTunnel(status({ state: 'up', publicUrl: 'https://keel-7.loca.lt' }))).toEqual({ up: true, publicUrl: 'https://keel-7.loca.lt' });
    expect(trayTunnel(status({ state: 'error', publicUrl: 'https://stale.loca.lt', reason: 'the server went away' }))).toEqual({ up: false, publicUrl: null });
  });

  it('reads the state now from the tunnel, and each change from its console events until unsubscribed', () => {
    const events = new ConsoleEventHub();
    let now = status({ state: 'connecting' });
    const watch = tunnelWatch({ view: () => ({ status: now }) }, events);
    expect(watch.current()).toEqual({ up: false, publicUrl: null });

    const seen: unknown[] = [];
    const stop = watch.watch((state) => seen.push(state));
    events.emit('run.changed', { runId: 'r1' } as never); // not the tunnel's: ignored
    now = status({ state: 'up', publicUrl: 'https://keel-7.loca.lt' });
    events.emit('tunnel.changed', now);
    expect(watch.current()).toEqual({ up: true, publicUrl: 'https://keel-7.loca.lt' });
    stop();
    events.emit('tunnel.changed', status({ state: 'down' }));
    expect(seen).toEqual([{ up: true, publicUrl: 'https://keel-7.loca.lt' }]);
  });
});
