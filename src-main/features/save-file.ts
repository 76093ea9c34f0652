// `file:save`: transcripts, results, CSV and pcapng captures. The renderer
// suggests a base name and filters; the learner picks the folder; main writes
// atomically (temp file in the same folder, fsync, rename) so a failed save
// never leaves a half-written file over an older one.
import { app, BrowserWindow, dialog, type SaveDialogOptions } from 'electron';
import { open, rename, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { handle } from '../ipc.ts';
import type { SavedFile } from '../ipc-map.ts';
import { checkSaveFile } from '../validate.ts';

export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    const handle = await open(tmp, 'w', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, path);
  } catch (error) {
    await rm(tmp, { force: true });
    throw error;
  }
}

export function setupSaveFile(): void {
  handle('file:save', checkSaveFile, async (event, request): Promise<SavedFile | null> => {
    const options: SaveDialogOptions = {
      defaultPath: join(app.getPath('documents'), request.suggestedName),
      properties: ['showOverwriteConfirmation', 'createDirectory'],
    };
    if (request.filters) options.filters = request.filters;
    const win = BrowserWindow.fromWebContents(event.sender);
    const choice = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    if (choice.canceled || !choice.filePath) return null;
    try {
      await writeFileAtomic(choice.filePath, request.data);
    } catch (error) {
      throw new Error(`could not save ${basename(choice.filePath)}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    return { name: basename(choice.filePath) };
  });
}
