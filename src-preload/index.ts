// Sandboxed preload: exposes named methods only. The renderer never sees
// ipcRenderer itself, so it cannot call arbitrary channels or listen to any
// channel but the menu's, and then only for the actions it names.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { MENU_ACTIONS, MENU_CHANNEL, type IpcArgs, type IpcChannel, type IpcResult, type LvsLabApi, type MenuAction } from '../src-main/ipc-map.ts';

function invoke<C extends IpcChannel>(channel: C, ...args: IpcArgs<C>): Promise<IpcResult<C>> {
  return ipcRenderer.invoke(channel, ...args) as Promise<IpcResult<C>>;
}

function onMenu(action: MenuAction, callback: () => void): () => void {
  if (!MENU_ACTIONS.includes(action)) throw new Error(`onMenu: unknown menu action ${JSON.stringify(action)}`);
  if (typeof callback !== 'function') throw new Error('onMenu: the callback must be a function');
  // The event object (with its sender) never reaches the page; only the call does.
  const listener = (_event: IpcRendererEvent, sent: unknown): void => {
    if (sent === action) callback();
  };
  ipcRenderer.on(MENU_CHANNEL, listener);
  return () => {
    ipcRenderer.removeListener(MENU_CHANNEL, listener);
  };
}

const api: LvsLabApi = {
  getVersion: () => invoke('app:get-version'),
  setLanguage: (lang) => invoke('app:set-language', lang),
  openScenario: () => invoke('scenario:open'),
  openFile: (request) => invoke('file:open', request),
  saveFile: (request) => invoke('file:save', request),
  storeLoad: (key) => invoke('store:load', key),
  storeSave: (key, text) => invoke('store:save', key, text),
  storeSetAside: (key) => invoke('store:set-aside', key),
  onMenu,
};

contextBridge.exposeInMainWorld('lvsLab', api);
