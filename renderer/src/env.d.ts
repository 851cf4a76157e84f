import type { KeelBridge } from '../../preload/api';

declare global {
  interface Window {
    /** Set by the Electron preload; absent in a browser talking to `keel serve`. */
    keel?: KeelBridge;
  }
}

export {};
