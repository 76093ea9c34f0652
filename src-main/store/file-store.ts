// The desktop app's documents: one JSON file per key in a folder under the
// user-data folder. Plain Node (no Electron import), so it is unit-tested directly.
//
// Writes are atomic: the text goes to KEY.json.tmp, is fsynced, then renamed
// over KEY.json (and the folder fsynced), so a crash or power cut leaves either
// the old document or the new one, never half of one. A document that cannot be
// read as UTF-8 JSON is renamed aside to KEY.corrupt-N.json and reported, and
// so is anything else in a document's place: a folder, a FIFO, a symbolic link
// or a file over the size limit (refused by its size, never read whole).
import { constants } from 'node:fs';
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import type { RawReadResult } from '../../src-renderer/src/storage/document-store.ts';
import { corruptName, documentSizeProblem, invalidKeyMessage, isStoreKey, MAX_DOCUMENT_BYTES } from '../../src-renderer/src/storage/keys.ts';

const errorMessage = (error: unknown): string => (error instanceof Error ? error.message : String(error));
const isCode = (error: unknown, code: string): boolean => (error as NodeJS.ErrnoException | null)?.code === code;

// Opening never waits (a FIFO with no writer) and never follows a link out of the
// folder. Windows has neither flag (nor FIFOs); there they are 0.
const READ_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);
const WRITE_FLAGS = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0);

/** What is in a document's place instead of a file, in the words of the message. */
function notAFile(stat: { isDirectory(): boolean; isFIFO(): boolean; isSocket(): boolean }): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe)';
  if (stat.isSocket()) return 'a socket';
  return 'a device';
}

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
      let handle;
      try {
        handle = await open(file, READ_FLAGS);
      } catch (error) {
        if (isCode(error, 'ENOENT')) return { status: 'missing' };
        // O_NOFOLLOW on a symbolic link: ELOOP on Linux, EMLINK on FreeBSD.
        if (isCode(error, 'ELOOP') || isCode(error, 'EMLINK')) return this.notADocument(key, 'a symbolic link, not a document');
        if (isCode(error, 'EISDIR')) return this.notADocument(key, 'a folder, not a document');
        throw new Error(`${this.fileName(key)}: ${errorMessage(error)}`, { cause: error });
      }
      let bytes: Buffer;
      try {
        const found = await handle.stat();
        if (!found.isFile()) return await this.notADocument(key, `${notAFile(found)}, not a document`);
        if (found.size > MAX_DOCUMENT_BYTES) return await this.notADocument(key, `${found.size} bytes, more than the limit of ${MAX_DOCUMENT_BYTES} bytes`);
        bytes = await readUpTo(handle, MAX_DOCUMENT_BYTES + 1);
      } catch (error) {
        throw new Error(`${this.fileName(key)}: ${errorMessage(error)}`, { cause: error });
      } finally {
        await handle.close();
      }
      // It grew after fstat (another program writing it): too large all the same.
      if (bytes.length > MAX_DOCUMENT_BYTES) return this.notADocument(key, `over the limit of ${MAX_DOCUMENT_BYTES} bytes`);
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
      const tooLarge = documentSizeProblem(key, text);
      if (tooLarge) throw new Error(tooLarge);
      try {
        JSON.parse(text);
      } catch (error) {
        throw new Error(`${key}: refused to save text that is not valid JSON (${errorMessage(error)})`, { cause: error });
      }
      const file = this.path(key);
      const tmp = `${file}.tmp`;
      await mkdir(this.dir, { recursive: true });
      const handle = await open(tmp, WRITE_FLAGS, 0o600);
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

  private async notADocument(key: string, message: string): Promise<RawReadResult> {
    return { status: 'corrupt', keptAs: await this.moveAside(key), message: `${this.fileName(key)} is ${message}` };
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

/** Reads at most `limit` bytes from the start of an open file. */
async function readUpTo(handle: FileHandle, limit: number): Promise<Buffer> {
  const buffer = Buffer.alloc(limit);
  let length = 0;
  for (;;) {
    const { bytesRead } = await handle.read(buffer, length, limit - length, length);
    if (bytesRead === 0) break;
    length += bytesRead;
    if (length === limit) break;
  }
  return buffer.subarray(0, length);
}
