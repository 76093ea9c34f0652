// `scenario:open` and `file:open`: the learner picks scenario, pack or results
// files in a dialog; the renderer gets their text and validates it with the
// simulator's own validators. Main only enforces size, count and UTF-8.
import { BrowserWindow, dialog, type OpenDialogOptions } from 'electron';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { handle, noArgs } from '../ipc.ts';
import { MAX_OPEN_BYTES, MAX_OPEN_FILES, tooLargeMessage, type OpenedScenario, type OpenPurpose } from '../ipc-map.ts';
import { checkOpenFile } from '../validate.ts';
import { menuText } from '../menu-text.ts';
import { currentLanguage } from './language.ts';

async function readLimited(path: string, purpose: OpenPurpose): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > MAX_OPEN_BYTES[purpose]) throw new Error(tooLargeMessage(basename(path), purpose));
    // Read at most the limit even if the file grew after stat().
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead));
    } catch {
      throw new Error(`${basename(path)} is not UTF-8 text`);
    }
  } finally {
    await file.close();
  }
}

async function pick(event: Electron.IpcMainInvokeEvent, purpose: OpenPurpose, multiple: boolean): Promise<OpenedScenario[]> {
  const text = menuText(currentLanguage());
  const options: OpenDialogOptions = {
    title: text.openTitle[purpose],
    properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    filters: [{ name: 'JSON', extensions: ['json'] }],
  };
  const win = BrowserWindow.fromWebContents(event.sender);
  const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  if (choice.canceled) return [];
  if (choice.filePaths.length > MAX_OPEN_FILES) throw new Error(`at most ${MAX_OPEN_FILES} files at once`);
  const files: OpenedScenario[] = [];
  for (const path of choice.filePaths) files.push({ name: basename(path), text: await readLimited(path, purpose) });
  return files;
}

export function setupOpenFile(): void {
  handle('scenario:open', noArgs, async (event) => (await pick(event, 'scenario', false))[0] ?? null);
  handle('file:open', checkOpenFile, (event, request) => pick(event, request.purpose, request.multiple === true));
}
