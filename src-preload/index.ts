// Sandboxed preload: exposes named methods only. The renderer never sees
// ipcRenderer itself, so it cannot call arbitrary channels.
import { contextBridge, ipcRenderer } from 'electron';
import type { IpcArgs, IpcChannel, IpcResult, LvsLabApi } from '../src-main/ipc-map.ts';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>;
}

const api: LvsLabApi = {
  getVersion: () => invoke('app:get-version'),
  openScenario: () => invoke('scenario:open'),
};

contextBridge.exposeInMainWorld('lvsLab', api);
