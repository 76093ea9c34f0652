/// <reference types="svelte" />
/// <reference types="vite/client" />
import type { LvsLabApi } from '../../src-main/ipc-map.ts';

declare global {
  interface Window {
    /** Set by the Electron preload (src-preload/index.ts); absent in the browser build. */
    lvsLab?: LvsLabApi;
  }
}
