// The desktop app's documents: one JSON file per key in a folder under the
// user-data folder. Plain Node (no Electron import), so it is unit-tested directly.
//
// Writes are atomic: the text goes to KEY.json.tmp, is fsynced, then renamed
// over KEY.json (and the folder fsynced), so a crash or power cut leaves either
// the old document or the new one, never half of one. A document that cannot be
// read as UTF-8 JSON is renamed aside to KEY.corrupt-N.json and reported.
import { mkdir, open, readFile, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawReadResult } from '../../src-renderer/src/storage/document-store.ts';
import { corruptName, invalidKeyMessage, isStoreKey, MAX_DOCUMENT_CHARS } from '../../src-renderer/src/storage/keys.ts';

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | null)?.code === code;

export class FileStore {
  /** Operations on one key run one after another (a load may delete a stale temp file a save is writing). */
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(readonly dir: string) {}

  fileName(key: string): string {
    return `${key}.json`;
  }

  read(key: string): Promise<RawReadResult> {
    return this.oneAtATime(key, async () => {
      const file = this.path(key);
      // A temp file left over means a save never finished (crash, power cut):
      // the document itself is the last complete save, so the leftover goes.
      await rm(`${file}.tmp`, { force: true });
      let bytes: Buffer;
      try {
        bytes = await readFile(file);
      } catch (error) {
        if (isCode(error, 'ENOENT')) return { status: 'missing' };
        throw new Error(`${this.fileName(key)}: ${errorMessage(error)}`, { cause: error });
      }
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        JSON.parse(text);
      } catch (error) {
        const reason = error instanceof SyntaxError ? `not valid JSON: ${error.message}` : 'not UTF-8 text';
        return { status: 'corrupt', keptAs: await this.moveAside(key), message: reason };
      }
      return { status: 'ok', text };
    });
  }

  write(key: string, text: string): Promise<void> {
    return this.oneAtATime(key, async () => {
      if (typeof text !== 'string') throw new Error(`${key}: the document must be JSON text`);
      if (text.length > MAX_DOCUMENT_CHARS) {
        throw new Error(`${key}: document too large (${text.length} characters, limit ${MAX_DOCUMENT_CHARS})`);
      }
      try {
        JSON.parse(text);
      } catch (error) {
        throw new Error(`${key}: refused to save text that is not valid JSON (${errorMessage(error)})`, { cause: error });
      }
      const file = this.path(key);
      const tmp = `${file}.tmp`;
      await mkdir(this.dir, { recursive: true });
      const handle = await open(tmp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(tmp, file);
      await this.syncDir();
    });
  }

  /** For documents that are JSON but fail the renderer's validation. */
  setAside(key: string): Promise<string> {
    return this.oneAtATime(key, () => this.moveAside(key));
  }

  private async moveAside(key: string): Promise<string> {
    for (let n = 1; ; n += 1) {
      const name = corruptName(key, n, '.json');
      try {
        await stat(join(this.dir, name));
      } catch (error) {
        if (!isCode(error, 'ENOENT')) throw error;
        await rename(this.path(key), join(this.dir, name));
        await this.syncDir();
        return name;
      }
    }
  }

  private path(key: string): string {
    // The whitelist is the path-traversal guard: no dots, slashes or backslashes get through.
    if (!isStoreKey(key)) throw new Error(invalidKeyMessage(key));
    return join(this.dir, this.fileName(key));
  }

  /** Makes the rename itself durable. Not possible on Windows (EPERM/EISDIR), where rename is already journaled. */
  private async syncDir(): Promise<void> {
    let handle;
    try {
      handle = await open(this.dir, 'r');
      await handle.sync();
    } catch {
      // See above: best effort on platforms that cannot fsync a directory.
    } finally {
      await handle?.close();
    }
  }

  private oneAtATime<R>(key: string, task: () => Promise<R>): Promise<R> {
    const run = (this.tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }
}
