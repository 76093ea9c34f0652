// The one description of the IPC surface, shared by main, preload and renderer
// (type-only imports, so nothing here is bundled into the sandboxed preload).

export interface OpenedScenario {
  /** The file's base name, for display. */
  name: string;
  text: string;
}

/** Channel → arguments the renderer sends and the result it gets back. */
export interface IpcMap {
  'app:get-version': { args: []; result: string };
  /** Shows an open dialog; null when the learner cancels. */
  'scenario:open': { args: []; result: OpenedScenario | null };
}

export type IpcChannel = keyof IpcMap;
export type IpcArgs<C extends IpcChannel> = IpcMap[C]['args'];
export type IpcResult<C extends IpcChannel> = IpcMap[C]['result'];

/** What the preload exposes as `window.lvsLab`: named methods, never raw ipcRenderer. */
export interface LvsLabApi {
  getVersion(): Promise<IpcResult<'app:get-version'>>;
  openScenario(): Promise<IpcResult<'scenario:open'>>;
}

/** Largest scenario file the app reads. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
