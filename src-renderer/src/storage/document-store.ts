// The backend-independent half of the document store: key checks, JSON,
// validation, moving bad documents aside, one operation per key at a time.
// Backends only read, write and move text (./electron-backend.ts, ./idb-backend.ts).
import { corruptName, documentSizeProblem, invalidKeyMessage, isStoreKey } from './keys.ts';
import type { DocumentStore, LoadResult, Validate } from './types.ts';

/** What a backend read: the text, nothing, or a document it already found unreadable and moved aside. */
export type RawReadResult =
  | { status: 'ok'; text: string }
  | { status: 'missing' }
  | { status: 'corrupt'; keptAs: string; message: string };

export interface RawDocumentBackend {
  readonly kind: DocumentStore['kind'];
  read(key: string): Promise<RawReadResult>;
  /** Replaces the document in one step: a reader sees the old text or the new, never a mix. */
  write(key: string, text: string): Promise<void>;
  /** Moves the document to a free `KEY.corrupt-N` name and returns that name. */
  setAside(key: string): Promise<string>;
}

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));

export function createDocumentStore(raw: RawDocumentBackend): DocumentStore {
  // A save racing a load of the same key could otherwise move a fresh document aside.
  const tails = new Map<string, Promise<unknown>>();
  function oneAtATime<R>(key: string, task: () => Promise<R>): Promise<R> {
    const run = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  }

  function checkKey(key: string): void {
    if (!isStoreKey(key)) throw new Error(invalidKeyMessage(key));
  }

  async function setAside(key: string, message: string): Promise<LoadResult<never>> {
    return { status: 'corrupt', keptAs: await raw.setAside(key), message };
  }

  return {
    kind: raw.kind,

    load<T>(key: string, validate: Validate<T>): Promise<LoadResult<T>> {
      return oneAtATime(key, async (): Promise<LoadResult<T>> => {
        checkKey(key);
        const read = await raw.read(key);
        if (read.status !== 'ok') return read;
        const tooLarge = documentSizeProblem(key, read.text);
        if (tooLarge) return setAside(key, tooLarge);
        let parsed: unknown;
        try {
          parsed = JSON.parse(read.text);
        } catch (error) {
          return setAside(key, `not valid JSON: ${errorMessage(error)}`);
        }
        let value: T;
        try {
          value = validate(parsed);
        } catch (error) {
          return setAside(key, errorMessage(error));
        }
        // What loads must save: a value whose JSON is over the limit would make every later save fail.
        const resaved = documentSizeProblem(key, JSON.stringify(value) ?? '');
        if (resaved) return setAside(key, `${resaved}; it could not be saved again`);
        return { status: 'ok', value };
      });
    },

    save(key: string, value: unknown): Promise<void> {
      return oneAtATime(key, async () => {
        checkKey(key);
        let text: string | undefined;
        try {
          text = JSON.stringify(value);
        } catch (error) {
          throw new Error(`${key}: cannot be saved as JSON: ${errorMessage(error)}`, { cause: error });
        }
        if (text === undefined) throw new Error(`${key}: cannot be saved as JSON: ${typeof value}`);
        const tooLarge = documentSizeProblem(key, text);
        if (tooLarge) throw new Error(tooLarge);
        await raw.write(key, text);
      });
    },
  };
}

/** A store that forgets everything on reload: tests, and browsers where IndexedDB is unavailable. */
export function memoryBackend(initial: Record<string, string> = {}): RawDocumentBackend & { records: Map<string, string> } {
  const records = new Map(Object.entries(initial));
  return {
    kind: 'memory',
    records,
    read: async (key) => {
      const text = records.get(key);
      return text === undefined ? { status: 'missing' } : { status: 'ok', text };
    },
    write: async (key, text) => {
      records.set(key, text);
    },
    setAside: async (key) => {
      let n = 1;
      while (records.has(corruptName(key, n))) n += 1;
      const keptAs = corruptName(key, n);
      records.set(keptAs, records.get(key) ?? '');
      records.delete(key);
      return keptAs;
    },
  };
}
