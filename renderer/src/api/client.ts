/** Picks the shell at start: the Electron preload bridge when present, HTTP + SSE (`keel serve`) otherwise. */
import type { ConsoleApi } from '../../../preload/api';
import { bridgeEvents, bridgeTransport } from './bridge';
import { httpTransport } from './http';
import type { LiveEvents } from './live';
import { sseEvents } from './sse';
import { createApi } from './transport';

export interface KeelClient {
  api: ConsoleApi;
  events: LiveEvents;
  shell: 'electron' | 'browser';
}

export interface ClientHooks {
  /** The headless shell refused our cookie: the user must open the tokened URL again. */
  onUnauthorized?: () => void;
}

export function createClient(hooks: ClientHooks = {}): KeelClient {
  const bridge = window.keel;
  if (bridge) {
    return { api: createApi(bridgeTransport(bridge)), events: bridgeEvents(bridge), shell: 'electron' };
  }
  const transport = httpTransport(hooks.onUnauthorized ? { onUnauthorized: hooks.onUnauthorized } : {});
  return { api: createApi(transport), events: sseEvents(), shell: 'browser' };
}
