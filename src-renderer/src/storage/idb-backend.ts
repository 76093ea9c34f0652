// The browser build's documents: one IndexedDB object store, one record per
// key holding the JSON text. The moving-aside logic works on a small
// key-value interface, so it is tested in Node with a Map; `openIndexedDb`
// is the thin part that only a browser runs (covered by the e2e tests).
import { corruptName } from './keys.ts';
import type { RawDocumentBackend, RawReadResult } from './document-store.ts';

/** The few IndexedDB operations the backend needs; each is its own transaction. */
export interface KeyValueStore {
  get(key: string): Promise<unknown>;
  put(key: string, value: string): Promise<void>;
  /** Copies `from` to `to` and deletes `from` in one transaction. */
  move(from: string, to: string): Promise<void>;
}

export function keyValueBackend(kv: KeyValueStore): RawDocumentBackend {
  async function setAside(key: string): Promise<string> {
    let n = 1;
    while ((await kv.get(corruptName(key, n))) !== undefined) n += 1;
    await kv.move(key, corruptName(key, n));
    return corruptName(key, n);
  }
  return {
    kind: 'indexeddb',
    async read(key): Promise<RawReadResult> {
      const value = await kv.get(key);
      if (value === undefined) return { status: 'missing' };
      // Only this backend writes the store, always as text; anything else was put there by something else.
      if (typeof value !== 'string') return { status: 'corrupt', keptAs: await setAside(key), message: `not JSON text (a stored ${typeof value})` };
      return { status: 'ok', text: value };
    },
    write: (key, text) => kv.put(key, text),
    setAside,
  };
}

const DB_NAME = 'lvs-dr-lab';
const STORE = 'documents';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onabort = tx.onerror = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
}

/** Opens (creating on first use) the app's database. Rejects where IndexedDB is unavailable. */
export async function openIndexedDb(factory: IDBFactory = indexedDB): Promise<KeyValueStore> {
  const open = factory.open(DB_NAME, 1);
  open.onupgradeneeded = () => {
    if (!open.result.objectStoreNames.contains(STORE)) open.result.createObjectStore(STORE);
  };
  const db = await request(open);
  const tx = (mode: IDBTransactionMode): { tx: IDBTransaction; store: IDBObjectStore } => {
    const t = db.transaction(STORE, mode, { durability: 'strict' });
    return { tx: t, store: t.objectStore(STORE) };
  };
  return {
    async get(key) {
      const { store } = tx('readonly');
      return request(store.get(key));
    },
    async put(key, value) {
      const t = tx('readwrite');
      t.store.put(value, key);
      await done(t.tx);
    },
    async move(from, to) {
      const t = tx('readwrite');
      const get = t.store.get(from);
      // Inside the success handler the transaction is still active, so all three steps commit together.
      get.onsuccess = () => {
        t.store.put(get.result, to);
        t.store.delete(from);
      };
      await done(t.tx);
    },
  };
}
