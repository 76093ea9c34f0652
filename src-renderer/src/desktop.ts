// What the renderer may ask of the machine, the same in both builds:
// the desktop app goes through the preload (window.lvsLab); the browser build
// uses a download link and a file input. Components import these functions
// instead of touching window.lvsLab, so they need no "if desktop" branches.
import {
  MAX_OPEN_BYTES,
  MAX_OPEN_FILES,
  tooLargeMessage,
  type MenuAction,
  type OpenedScenario,
  type OpenFileRequest,
  type SavedFile,
  type SaveFileRequest,
  type UiLanguage,
} from '../../src-main/ipc-map.ts';

export type { MenuAction, OpenedScenario, OpenFileRequest, SavedFile, SaveFileRequest } from '../../src-main/ipc-map.ts';

const desktop = (): Window['lvsLab'] => (typeof window === 'undefined' ? undefined : window.lvsLab);

export const isDesktop = (): boolean => desktop() !== undefined;

/**
 * Saves text or bytes (transcript, results, CSV, pcapng). Desktop: a save
 * dialog; browser: a download with the suggested name. Null when cancelled.
 */
export async function saveFile(request: SaveFileRequest): Promise<SavedFile | null> {
  const api = desktop();
  if (api) return api.saveFile(request);
  const type = request.data instanceof Uint8Array ? 'application/octet-stream' : 'text/plain;charset=utf-8';
  // A copy into a fresh ArrayBuffer: Blob wants an ArrayBuffer-backed view.
  const part = request.data instanceof Uint8Array ? new Uint8Array(request.data) : request.data;
  const url = URL.createObjectURL(new Blob([part], { type }));
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = request.suggestedName;
    link.hidden = true;
    document.body.append(link);
    link.click();
    link.remove();
  } finally {
    // Some browsers read the blob after click() returns; a minute is plenty.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }
  return { name: request.suggestedName };
}

/**
 * Lets the learner pick scenario, pack or results files. Call it from a click
 * or key handler (browsers open a file picker only then). [] when cancelled;
 * rejects with a clear message for a file that is too large or not text.
 */
export async function openFiles(request: OpenFileRequest): Promise<OpenedScenario[]> {
  const api = desktop();
  if (api) return api.openFile(request);
  const input = document.createElement('input');
  input.type = 'file';
  input.accept = '.json,application/json';
  input.multiple = request.multiple === true;
  const files = await new Promise<File[]>((resolve) => {
    input.addEventListener('change', () => resolve([...(input.files ?? [])]), { once: true });
    input.addEventListener('cancel', () => resolve([]), { once: true });
    input.click();
  });
  if (files.length > MAX_OPEN_FILES) throw new Error(`at most ${MAX_OPEN_FILES} files at once`);
  const opened: OpenedScenario[] = [];
  for (const file of files) {
    if (file.size > MAX_OPEN_BYTES[request.purpose]) throw new Error(tooLargeMessage(file.name, request.purpose));
    try {
      opened.push({ name: file.name, text: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()) });
    } catch {
      throw new Error(`${file.name} is not UTF-8 text`);
    }
  }
  return opened;
}

/** Runs `callback` when the learner picks that menu item (desktop only); returns an unsubscribe function. */
export function onMenu(action: MenuAction, callback: () => void): () => void {
  return desktop()?.onMenu(action, callback) ?? (() => undefined);
}

/** Tells the desktop app's menus which language to show; nothing to do in a browser. */
export function setMenuLanguage(lang: UiLanguage): void {
  desktop()
    ?.setLanguage(lang)
    .catch((error: unknown) => console.error('could not switch the menu language:', error));
}
