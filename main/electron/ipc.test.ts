import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ipcChannels, type AppInfo } from '../../preload/api';
import type { ConsoleHandlers } from '../console/dispatch';
import { ConsoleEventHub } from '../console/events';
import { forwardConsoleEvents, registerConsoleIpc, type IpcInvokeEventLike, type IpcMainLike, type WebContentsLike } from './ipc';
import { runSummary } from './test-runs';
import { appPageUrl, isAppPage } from './window-policy';

/** ipcMain as the handlers see it: one handler per channel, invoked with the sender's frame. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: IpcInvokeEventLike, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    return this.invokeFrom(frameUrl === null ? null : { url: frameUrl, parent: null }, ...args);
  }
  invokeFrom(senderFrame: IpcInvokeEventLike['senderFrame'], ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(ipcChannels.call);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${ipcChannels.call}'`));
    return Promise.resolve(handler({ senderFrame }, ...args));
  }
}

const rendererDir = path.resolve('/opt/Keel/out/renderer');
const page = appPageUrl(rendererDir);
const info: AppInfo = { version: '0.1.0', shell: 'electron', dataDir: '/d', sandbox: true, intakeUrl: 'http://127.0.0.1:1/hooks/', startedAt: 1, sandboxConnectors: ['stripe'] };

function setup() {
  const ipc = new FakeIpcMain();
  const getAppInfo = vi.fn(() => info);
  const bugs: unknown[] = [];
  const handlers = { getAppInfo, listRuns: () => { throw new Error('disk I/O error'); } } as unknown as ConsoleHandlers;
  const unregister = registerConsoleIpc(ipc, handlers, (url) => isAppPage(url, rendererDir), (error) => bugs.push(error));
  return { ipc, getAppInfo, bugs, unregister };
}

describe('console calls over IPC', () => {
  it('are answered for the console page, as Results', async () => {
    const { ipc, getAppInfo } = setup();
    expect(await ipc.invoke(`${page}#/runs`, 'getAppInfo', {})).toEqual({ ok: true, value: info });
    expect(getAppInfo).toHaveBeenCalledOnce();
  });

  it('are refused, without running the handler, for any other frame', async () => {
    const { ipc, getAppInfo } = setup();
    for (const url of ['https://evil.example/', 'file:///tmp/phish.html', `file://${rendererDir}/other.html`, 'devtools://devtools/bundled/inspector.html', '']) {
      expect(await ipc.invoke(url, 'getAppInfo', {}), url).toEqual({ ok: false, error: { code: 'unavailable', message: expect.stringMatching(/only for Keel's own window/) } });
    }
    expect(getAppInfo).not.toHaveBeenCalled();
  });

  it('are refused when the sender frame is gone (navigated away or destroyed)', async () => {
    const { ipc, getAppInfo } = setup();
    expect(await ipc.invoke(null, 'getAppInfo', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(getAppInfo).not.toHaveBeenCalled();
  });

  it('are refused for a sub-frame, even one showing the console page (the console has none)', async () => {
    const { ipc, getAppInfo } = setup();
    expect(await ipc.invokeFrom({ url: page, parent: { url: page } }, 'getAppInfo', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(getAppInfo).not.toHaveBeenCalled();
  });

  it('validate input and return failures as data, never as thrown errors', async () => {
    const { ipc, bugs } = setup();
    expect(await ipc.invoke(page, 'nope', {})).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await ipc.invoke(page, 'getRun', { runId: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await ipc.invoke(page, 'listRuns', {})).toMatchObject({ ok: false, error: { code: 'internal', message: expect.stringMatching(/disk I\/O error/) } });
    expect(bugs).toHaveLength(1);
  });

  it('stop being answered once unregistered', async () => {
    const { ipc, unregister } = setup();
    unregister();
    await expect(ipc.invoke(page, 'getAppInfo', {})).rejects.toThrow(/No handler/);
  });
});

describe('console events over IPC', () => {
  it('reach the window while it exists, and stop when unsubscribed', () => {
    const events = new ConsoleEventHub();
    const sent: unknown[][] = [];
    let destroyed = false;
    let contents: WebContentsLike | undefined = { isDestroyed: () => destroyed, send: (...args) => sent.push(args) };
    const stop = forwardConsoleEvents(events, () => contents);
    events.emit('run.changed', runSummary('a'));
    destroyed = true;
    events.emit('run.changed', runSummary('b'));
    contents = undefined;
    events.emit('run.changed', runSummary('c'));
    destroyed = false;
    contents = { isDestroyed: () => false, send: (...args) => sent.push(args) };
    stop();
    events.emit('run.changed', runSummary('d'));
    expect(sent).toEqual([[ipcChannels.event, 'run.changed', runSummary('a')]]);
  });
});
