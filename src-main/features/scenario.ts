// `scenario:open`: the learner picks a scenario file; the renderer gets its text
// and validates it with the simulator's own validator.
import { BrowserWindow, dialog } from 'electron';
import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { handle, noArgs } from '../ipc.ts';
import { MAX_SCENARIO_BYTES, type OpenedScenario } from '../ipc-map.ts';

async function readLimited(path: string): Promise<string> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    if (size > MAX_SCENARIO_BYTES) throw new Error(`${basename(path)} is larger than 1 MiB`);
    // Read at most the limit even if the file grew after stat().
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await file.read(buffer, 0, size, 0);
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead));
  } finally {
    await file.close();
  }
}

export function setupScenario(): void {
  handle('scenario:open', noArgs, async (event): Promise<OpenedScenario | null> => {
    const options = {
      properties: ['openFile' as const],
      // A language-neutral label: the main process does not know the UI language.
      filters: [{ name: 'JSON', extensions: ['json'] }],
    };
    const win = BrowserWindow.fromWebContents(event.sender);
    const choice = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const path = choice.filePaths[0];
    if (choice.canceled || path === undefined) return null;
    return { name: basename(path), text: await readLimited(path) };
  });
}
