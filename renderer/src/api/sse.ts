/**
 * Live events in the headless shell: one EventSource on `/api/events`; each message's `event:` is a
 * ConsoleEventName and its `data:` the JSON payload. The browser reconnects by itself after network errors;
 * it gives up for good when the server answers with something other than an event stream (a 401 after a
 * restart, a proxy error page), so then we reconnect ourselves, with capped exponential backoff.
 */
import type { ConsoleEventName, ConsoleEvents } from '../../../preload/api';
import { createEmitter, type Emitter } from './emitter';
import type { LinkStatus, LiveEvents } from './live';

export interface SseOptions {
  url?: string;
  /** Injected in tests; the browser's EventSource otherwise. */
  EventSource?: new (url: string) => EventSource;
  minRetryMs?: number;
  maxRetryMs?: number;
}

/** `EventSource.CLOSED`, spelled out so an injected fake need not carry the static. */
const CLOSED = 2;

export function sseEvents(options: SseOptions = {}): LiveEvents {
  const url = options.url ?? '/api/events';
  const Source = options.EventSource ?? globalThis.EventSource;
  const minRetry = options.minRetryMs ?? 1_000;
  const maxRetry = options.maxRetryMs ?? 30_000;

  const handlers = new Map<ConsoleEventName, Emitter<unknown>>();
  const statusEmitter = createEmitter<LinkStatus>();
  const resyncEmitter = createEmitter<void>();
  let status: LinkStatus = 'connecting';
  let source: EventSource | null = null;
  let attached = new Set<ConsoleEventName>();
  let retryDelay = minRetry;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;

  function setStatus(next: LinkStatus): void {
    if (next === status) return;
    status = next;
    statusEmitter.emit(next);
  }

  /** EventSource needs a listener per event name; attach one dispatcher per name we have subscribers for. */
  function attach(name: ConsoleEventName): void {
    if (!source || attached.has(name)) return;
    attached.add(name);
    source.addEventListener(name, (message: MessageEvent) => {
      let payload: unknown;
      try {
        payload = JSON.parse(String(message.data));
      } catch {
        console.warn(`Keel: ignored a "${name}" event whose data is not JSON`);
        return;
      }
      handlers.get(name)?.emit(payload);
    });
  }

  function connect(): void {
    if (closed) return;
    const current = new Source(url);
    source = current;
    attached = new Set();
    for (const name of handlers.keys()) attach(name);
    current.onopen = () => {
      retryDelay = minRetry;
      setStatus('live');
      resyncEmitter.emit();
    };
    current.onerror = () => {
      setStatus('reconnecting');
      if (current.readyState !== CLOSED || closed) return; // the browser is retrying by itself
      current.close();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(connect, retryDelay);
      retryDelay = Math.min(retryDelay * 2, maxRetry);
    };
  }

  connect();

  return {
    on<E extends ConsoleEventName>(event: E, listener: (payload: ConsoleEvents[E]) => void): () => void {
      let emitter = handlers.get(event);
      if (!emitter) {
        emitter = createEmitter<unknown>();
        handlers.set(event, emitter);
      }
      attach(event);
      // Payloads are typed by the contract; the server is the one side that produces them.
      return emitter.on(listener as (payload: unknown) => void);
    },
    onStatus(listener) {
      listener(status);
      return statusEmitter.on(listener);
    },
    onResync(listener) {
      return resyncEmitter.on(listener);
    },
    close() {
      closed = true;
      clearTimeout(retryTimer);
      source?.close();
    },
  };
}
