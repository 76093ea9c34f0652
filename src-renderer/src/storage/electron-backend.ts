// The desktop app's documents: JSON files in the user-data folder, written by
// main (src-main/store/file-store.ts) through the preload's named methods.
import type { LvsLabApi } from '../../../src-main/ipc-map.ts';
import type { RawDocumentBackend } from './document-store.ts';

export function electronBackend(api: Pick<LvsLabApi, 'storeLoad' | 'storeSave' | 'storeSetAside'>): RawDocumentBackend {
  return {
    kind: 'files',
    read: (key) => api.storeLoad(key),
    write: (key, text) => api.storeSave(key, text),
    setAside: (key) => api.storeSetAside(key),
  };
}
