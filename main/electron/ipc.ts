/**
 * The console contract over Electron IPC. Takes a structural `IpcMainLike` rather than importing electron,
 * so the handlers are tested under plain Node.
 */
import { ipcChannels, type ConsoleEventName, type ConsoleEvents } from '../../preload/api';
import { dispatch, type ConsoleHandlers } from '../console/dispatch';
import type { ConsoleEventHub } from '../console/events';

export interface IpcInvokeEventLike {
  /** The frame that called; null once it navigated away or was destroyed. `parent` is null for a top frame. */
  senderFrame: { url: string; parent?: object | null } | null;
}

export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface WebContentsLike {
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

/**
 * Answers console calls from trusted frames only (the top frame of the app's own page: the console has no
 * sub-frames, so one calling is not Keel), and returns every outcome as a Result. Returns the function that
 * unregisters.
 */
export function registerConsoleIpc(
  ipc: IpcMainLike,
  handlers: ConsoleHandlers,
  isTrustedFrame: (url: string) => boolean,
  onBug?: (error: unknown) => void,
): () => void {
  ipc.handle(ipcChannels.call, (event, name, input) => {
    const frame = event.senderFrame;
    if (!frame || frame.parent || !isTrustedFrame(frame.url)) {
      return { ok: false, error: { code: 'unavailable', message: 'Console calls are answered only for Keel\'s own window.' } };
    }
    return dispatch(handlers, String(name), input, onBug);
  });
  return () => ipc.removeHandler(ipcChannels.call);
}

/** Forwards console events to a window while it exists. Returns the unsubscribe function. */
export function forwardConsoleEvents(events: ConsoleEventHub, target: () => WebContentsLike | undefined): () => void {
  return events.subscribe(<E extends ConsoleEventName>(event: E, payload: ConsoleEvents[E]) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(ipcChannels.event, event, payload);
  });
}
