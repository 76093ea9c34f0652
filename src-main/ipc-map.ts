// The one description of the IPC surface, shared by main, preload and renderer.
// No imports but types, and only plain constants: the sandboxed preload bundles it.
import type { RawReadResult } from '../src-renderer/src/storage/document-store.ts';

export interface OpenedScenario {
  /** The file's base name, for display. */
  name: string;
  text: string;
}

/** What an open dialog is for: decides its filter and title. */
export type OpenPurpose = 'scenario' | 'pack' | 'results';
export const OPEN_PURPOSES: readonly OpenPurpose[] = ['scenario', 'pack', 'results'];

export interface OpenFileRequest {
  purpose: OpenPurpose;
  /** Several files at once (an instructor importing a class's results). */
  multiple?: boolean;
}

/** A file filter of a save dialog, as Electron takes it: `{ name: 'pcapng', extensions: ['pcapng'] }`. */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface SaveFileRequest {
  /** A base name without folders, e.g. `capture-rs1.pcapng`; the learner may change it. */
  suggestedName: string;
  filters?: FileFilter[];
  /** Text is written as UTF-8; bytes as they are (pcapng). */
  data: string | Uint8Array;
}

export interface SavedFile {
  /** The base name the learner chose, for a "saved as …" message. */
  name: string;
}

/** The UI languages; main uses it for menu labels and dialogs. */
export type UiLanguage = 'en' | 'zh-CN';

/** Channel → arguments the renderer sends and the result it gets back. */
export interface IpcMap {
  'app:get-version': { args: []; result: string };
  /** The renderer says which language it shows, so menus and dialogs follow. */
  'app:set-language': { args: [lang: UiLanguage]; result: void };
  /** Shows an open dialog; null when the learner cancels. */
  'scenario:open': { args: []; result: OpenedScenario | null };
  /** Shows an open dialog for scenarios, packs or results; [] when the learner cancels. */
  'file:open': { args: [request: OpenFileRequest]; result: OpenedScenario[] };
  /** Shows a save dialog and writes the data atomically; null when the learner cancels. */
  'file:save': { args: [request: SaveFileRequest]; result: SavedFile | null };
  /** Reads a document from the user-data folder (see src-renderer/src/storage). */
  'store:load': { args: [key: string]; result: RawReadResult };
  'store:save': { args: [key: string, text: string]; result: void };
  /** Renames a document that failed the renderer's validation to KEY.corrupt-N.json; returns that name. */
  'store:set-aside': { args: [key: string]; result: string };
}

export type IpcChannel = keyof IpcMap;
export type IpcArgs<C extends IpcChannel> = IpcMap[C]['args'];
export type IpcResult<C extends IpcChannel> = IpcMap[C]['result'];

/** Menu items whose action happens in the renderer; main sends them on MENU_CHANNEL. */
export type MenuAction =
  | 'open'
  | 'save'
  | 'export-capture'
  | 'language-en'
  | 'language-zh-CN'
  | 'shortcuts';
export const MENU_ACTIONS: readonly MenuAction[] = ['open', 'save', 'export-capture', 'language-en', 'language-zh-CN', 'shortcuts'];
/** The one main → renderer channel: its only payload is a MenuAction. */
export const MENU_CHANNEL = 'menu:action';

/** What the preload exposes as `window.lvsLab`: named methods, never raw ipcRenderer. */
export interface LvsLabApi {
  getVersion(): Promise<IpcResult<'app:get-version'>>;
  setLanguage(lang: UiLanguage): Promise<void>;
  openScenario(): Promise<IpcResult<'scenario:open'>>;
  openFile(request: OpenFileRequest): Promise<IpcResult<'file:open'>>;
  saveFile(request: SaveFileRequest): Promise<IpcResult<'file:save'>>;
  storeLoad(key: string): Promise<IpcResult<'store:load'>>;
  storeSave(key: string, text: string): Promise<void>;
  storeSetAside(key: string): Promise<string>;
  /** Calls `callback` whenever the learner picks that menu item; returns an unsubscribe function. */
  onMenu(action: MenuAction, callback: () => void): () => void;
}

/** Largest scenario or pack file the app reads. */
export const MAX_SCENARIO_BYTES = 1024 * 1024;
/**
 * Largest file the app reads, per purpose: results files and saved gradebooks may be as large as
 * the app itself writes them (4 MiB: the document store's limit, results.ts' and gradebook.ts').
 */
export const MAX_OPEN_BYTES: Readonly<Record<OpenPurpose, number>> = {
  scenario: MAX_SCENARIO_BYTES,
  pack: MAX_SCENARIO_BYTES,
  results: 4 * 1024 * 1024,
};

/** The sentence a picker throws for a file over its purpose's limit ("NAME is larger than 4 MiB"). */
export function tooLargeMessage(name: string, purpose: OpenPurpose): string {
  return `${name} is larger than ${MAX_OPEN_BYTES[purpose] / (1024 * 1024)} MiB`;
}
/** At most this many files in one multiple-selection open. */
export const MAX_OPEN_FILES = 200;
/** Largest file the app writes through a save dialog (a long capture as pcapng). */
export const MAX_SAVE_BYTES = 64 * 1024 * 1024;
