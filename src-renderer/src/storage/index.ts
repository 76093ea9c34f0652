// The one document store of the window, chosen at run time:
//   desktop app (preload present) → JSON files in the user-data folder, via main;
//   browser build                 → IndexedDB;
//   browser without IndexedDB     → memory only (private windows, some kiosks), and says so.
//
// Usage (e.g. lesson progress):
//   const store = await documentStore();
//   const result = await store.load('progress', parseProgress);
//   if (result.status === 'corrupt') show(result.message, result.keptAs);
//   await store.save('progress', progress);
import { createDocumentStore, memoryBackend } from './document-store.ts';
import { electronBackend } from './electron-backend.ts';
import { keyValueBackend, openIndexedDb } from './idb-backend.ts';
import type { DocumentStore, Validate } from './types.ts';

export type { DocumentStore, LoadResult, Validate } from './types.ts';
export { isStoreKey } from './keys.ts';

/** Turns a type guard into a validator with a message, for simple documents. */
export function guard<T>(is: (value: unknown) => value is T, message: string): Validate<T> {
  return (value) => {
    if (!is(value)) throw new Error(message);
    return value;
  };
}

async function chooseBackend(): Promise<DocumentStore> {
  if (typeof window !== 'undefined' && window.lvsLab) return createDocumentStore(electronBackend(window.lvsLab));
  try {
    return createDocumentStore(keyValueBackend(await openIndexedDb()));
  } catch (error) {
    console.warn('IndexedDB is unavailable; progress is kept only until this page is closed:', error);
    return createDocumentStore(memoryBackend());
  }
}

let chosen: Promise<DocumentStore> | undefined;

/** The window's store; the backend is picked (and IndexedDB opened) on the first call. */
export function documentStore(): Promise<DocumentStore> {
  chosen ??= chooseBackend();
  return chosen;
}
