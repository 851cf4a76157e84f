/**
 * The Electron shell: preload exposes the contract as `window.keel`. IPC does not drop like a network link,
 * so the link is always live and there is never a reason to resync.
 */
import type { KeelBridge } from '../../../preload/api';
import type { LiveEvents } from './live';
import type { Transport } from './transport';

export function bridgeTransport(bridge: KeelBridge): Transport {
  // `input` is whatever the typed ConsoleApi caller passed for `name`; the bridge's generic cannot see that link.
  return (name, input) => bridge.call(name, input as never);
}

export function bridgeEvents(bridge: KeelBridge): LiveEvents {
  return {
    on: (event, listener) => bridge.on(event, listener),
    onStatus(listener) {
      listener('live');
      return () => {};
    },
    onResync: () => () => {},
    close() {},
  };
}
