// `store:*`: the renderer's documents (progress, leaderboard, results) as JSON
// files in <user data>/documents, through FileStore (atomic writes, corrupt
// files kept aside). Keys are checked here and again in FileStore.
import { app } from 'electron';
import { join } from 'node:path';
import { handle } from '../ipc.ts';
import { FileStore } from '../store/file-store.ts';
import { checkStoreKey, checkStoreSave } from '../validate.ts';

/** Where documents live: e.g. ~/.config/lvs-dr-lab/documents on Linux. */
export function documentsDir(): string {
  return join(app.getPath('userData'), 'documents');
}

export function setupStore(): void {
  let store: FileStore | undefined;
  // userData is only final once the app is ready; the first call comes later.
  const files = (): FileStore => (store ??= new FileStore(documentsDir()));
  handle('store:load', checkStoreKey, (_event, key) => files().read(key));
  handle('store:save', checkStoreSave, (_event, key, text) => files().write(key, text));
  handle('store:set-aside', checkStoreKey, (_event, key) => files().setAside(key));
}
