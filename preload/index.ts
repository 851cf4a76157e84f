/**
 * The preload bridge: exposes exactly the contract's calls and events to the sandboxed renderer as
 * `window.keel`, and nothing else of Electron or Node.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { consoleCallNames, consoleEventNames, ipcChannels, type KeelBridge } from './api';

const bridge: KeelBridge = {
  call(name, input) {
    if (!consoleCallNames.includes(name)) {
      return Promise.resolve({ ok: false, error: { code: 'not_found', message: `There is no console call "${String(name)}".` } });
    }
    return ipcRenderer.invoke(ipcChannels.call, name, input);
  },
  on(event, listener) {
    if (!consoleEventNames.includes(event)) return () => {};
    const handler = (_: unknown, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(ipcChannels.event, handler);
    return () => ipcRenderer.off(ipcChannels.event, handler);
  },
};

contextBridge.exposeInMainWorld('keel', bridge);
