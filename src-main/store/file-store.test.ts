import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentStore } from '../../src-renderer/src/storage/document-store.ts';
import { MAX_DOCUMENT_BYTES } from '../../src-renderer/src/storage/keys.ts';
import { parseProgress, PROGRESS_KEY } from '../../src-renderer/src/lessons/progress.ts';
import { FileStore } from './file-store.ts';

let dir: string;
let files: FileStore;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ldl-store-'));
  files = new FileStore(join(dir, 'documents'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const list = async (): Promise<string[]> => (await readdir(files.dir)).sort();

describe('FileStore', () => {
  it('reports a document that was never saved as missing, without creating the folder', async () => {
    expect(await files.read('progress')).toEqual({ status: 'missing' });
    await expect(readdir(files.dir)).rejects.toThrow(/ENOENT/);
  });

  it('writes KEY.json and reads back the same text, leaving no temp file', async () => {
    await files.write('progress', '{"done":["lesson-1"]}');
    expect(await list()).toEqual(['progress.json']);
    expect(await readFile(join(files.dir, 'progress.json'), 'utf8')).toBe('{"done":["lesson-1"]}');
    expect(await files.read('progress')).toEqual({ status: 'ok', text: '{"done":["lesson-1"]}' });
  });

  it('keeps the last complete save when a crash left a half-written temp file', async () => {
    await files.write('leaderboard', '[{"name":"ada","score":3}]');
    // What a crash between write and rename leaves behind: a truncated temp file.
    await writeFile(join(files.dir, 'leaderboard.json.tmp'), '[{"name":"ada","sco');
    expect(await files.read('leaderboard')).toEqual({ status: 'ok', text: '[{"name":"ada","score":3}]' });
    expect(await list()).toEqual(['leaderboard.json']);
    await files.write('leaderboard', '[]');
    expect(await files.read('leaderboard')).toEqual({ status: 'ok', text: '[]' });
  });

  it('treats a crash during the very first save as never saved', async () => {
    await files.write('other', '1');
    await writeFile(join(files.dir, 'results.json.tmp'), '{"half');
    expect(await files.read('results')).toEqual({ status: 'missing' });
    expect(await list()).toEqual(['other.json']);
  });

  it('moves a file that is not JSON aside as KEY.corrupt-N.json and says why', async () => {
    await files.write('progress', '{}');
    await writeFile(join(files.dir, 'progress.json'), '{"done": [');
    const first = await files.read('progress');
    expect(first).toMatchObject({ status: 'corrupt', keptAs: 'progress.corrupt-1.json' });
    expect(first.status === 'corrupt' && first.message).toMatch(/^not valid JSON: /);
    expect(await readFile(join(files.dir, 'progress.corrupt-1.json'), 'utf8')).toBe('{"done": [');

    // A second bad file gets the next free number; the first one is never overwritten.
    await writeFile(join(files.dir, 'progress.json'), 'garbage');
    expect(await files.read('progress')).toMatchObject({ status: 'corrupt', keptAs: 'progress.corrupt-2.json' });
    expect(await list()).toEqual(['progress.corrupt-1.json', 'progress.corrupt-2.json']);
    expect(await files.read('progress')).toEqual({ status: 'missing' });
  });

  it('moves a file that is not UTF-8 aside', async () => {
    await files.write('settings', '{}');
    await writeFile(join(files.dir, 'settings.json'), Buffer.from([0x22, 0xff, 0xfe, 0x22]));
    expect(await files.read('settings')).toEqual({ status: 'corrupt', keptAs: 'settings.corrupt-1.json', message: 'not UTF-8 text' });
  });

  it('refuses keys that could leave the folder or collide with kept-aside files', async () => {
    for (const key of ['../etc/passwd', 'a/b', 'a\\b', '.hidden', 'progress.corrupt-1', 'Progress', '', 'a--b', 'x'.repeat(65)]) {
      await expect(files.read(key), key).rejects.toThrow(/invalid document key/);
      await expect(files.write(key, '{}'), key).rejects.toThrow(/invalid document key/);
    }
    await expect(readdir(files.dir)).rejects.toThrow(/ENOENT/);
  });

  it('refuses to write text that is not JSON or is too large, keeping the old document', async () => {
    await files.write('progress', '{"a":1}');
    await expect(files.write('progress', '{"a":')).rejects.toThrow(/not valid JSON/);
    await expect(files.write('progress', JSON.stringify('x'.repeat(4 * 1024 * 1024)))).rejects.toThrow(/too large/);
    expect(await files.read('progress')).toEqual({ status: 'ok', text: '{"a":1}' });
  });

  it('sets a 300 MB document aside by its size, without reading it', async () => {
    await mkdir(files.dir, { recursive: true });
    // Sparse: 300 MB that take no disk space and would take seconds to read.
    await truncate(join(files.dir, 'progress.json'), 300 * 1024 * 1024).catch(async () => {
      await writeFile(join(files.dir, 'progress.json'), '');
      await truncate(join(files.dir, 'progress.json'), 300 * 1024 * 1024);
    });
    const started = performance.now();
    expect(await files.read('progress')).toEqual({
      status: 'corrupt',
      keptAs: 'progress.corrupt-1.json',
      message: `progress.json is 314572800 bytes, more than the limit of ${MAX_DOCUMENT_BYTES} bytes`,
    });
    expect(performance.now() - started).toBeLessThan(1000);
    expect(await list()).toEqual(['progress.corrupt-1.json']);
  });

  it('reads a document of exactly the limit and saves it again', async () => {
    const text = JSON.stringify('é'.repeat((MAX_DOCUMENT_BYTES - 2) / 2));
    await files.write('notes', text);
    expect(await files.read('notes')).toEqual({ status: 'ok', text });
    await expect(files.write('notes', JSON.stringify('é'.repeat((MAX_DOCUMENT_BYTES - 2) / 2 + 1)))).rejects.toThrow(`notes: document too large (${MAX_DOCUMENT_BYTES + 2} bytes, limit ${MAX_DOCUMENT_BYTES})`);
  });

  it('sets a FIFO in place of a document aside at once instead of waiting for a writer', async () => {
    await mkdir(files.dir, { recursive: true });
    execFileSync('mkfifo', [join(files.dir, 'progress.json')]);
    expect(await files.read('progress')).toEqual({ status: 'corrupt', keptAs: 'progress.corrupt-1.json', message: 'progress.json is a FIFO (named pipe), not a document' });
    expect((await lstat(join(files.dir, 'progress.corrupt-1.json'))).isFIFO()).toBe(true);
    await files.write('progress', '{}');
    expect(await files.read('progress')).toEqual({ status: 'ok', text: '{}' });
  });

  it('sets a folder in place of a document aside, with what was in it', async () => {
    await mkdir(join(files.dir, 'progress.json', 'inside'), { recursive: true });
    expect(await files.read('progress')).toEqual({ status: 'corrupt', keptAs: 'progress.corrupt-1.json', message: 'progress.json is a folder, not a document' });
    expect(await readdir(join(files.dir, 'progress.corrupt-1.json'))).toEqual(['inside']);
    await files.write('progress', '{}');
    expect(await files.read('progress')).toEqual({ status: 'ok', text: '{}' });
  });

  it('sets a symbolic link aside instead of following it out of the folder, and a link loop too', async () => {
    await mkdir(files.dir, { recursive: true });
    const outside = join(dir, 'outside.json');
    await writeFile(outside, '{"secret":1}');
    await symlink(outside, join(files.dir, 'progress.json'));
    expect(await files.read('progress')).toEqual({ status: 'corrupt', keptAs: 'progress.corrupt-1.json', message: 'progress.json is a symbolic link, not a document' });
    // The link was moved, not its target.
    expect((await lstat(join(files.dir, 'progress.corrupt-1.json'))).isSymbolicLink()).toBe(true);
    expect(await readFile(outside, 'utf8')).toBe('{"secret":1}');
    await symlink(join(files.dir, 'settings.json'), join(files.dir, 'settings.json'));
    expect(await files.read('settings')).toMatchObject({ status: 'corrupt', keptAs: 'settings.corrupt-1.json' });
  });

  it('a link or a FIFO in place of the temporary file makes the save fail clearly, never write through it or hang', async () => {
    await mkdir(files.dir, { recursive: true });
    const outside = join(dir, 'outside.json');
    await writeFile(outside, 'untouched');
    await symlink(outside, join(files.dir, 'progress.json.tmp'));
    await expect(files.write('progress', '{}')).rejects.toThrow(/ELOOP|EMLINK/);
    expect(await readFile(outside, 'utf8')).toBe('untouched');
    await rm(join(files.dir, 'progress.json.tmp'));
    execFileSync('mkfifo', [join(files.dir, 'progress.json.tmp')]);
    await expect(files.write('progress', '{}')).rejects.toThrow(/ENXIO/);
  });

  it('runs saves of one key in order, so the last save wins', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => files.write('counter', String(i))));
    expect(await files.read('counter')).toEqual({ status: 'ok', text: '19' });
    expect(await list()).toEqual(['counter.json']);
  });
});

describe('the document store over files (what the desktop app runs)', () => {
  const isProgress = (value: unknown): { done: string[] } => {
    const done = (value as { done?: unknown } | null)?.done;
    if (!Array.isArray(done) || !done.every((d) => typeof d === 'string')) throw new Error('done must be a list of lesson ids');
    return { done };
  };
  const store = () =>
    createDocumentStore({ kind: 'files', read: (k) => files.read(k), write: (k, t) => files.write(k, t), setAside: (k) => files.setAside(k) });

  it('round-trips a value', async () => {
    await store().save('progress', { done: ['l1', 'l2'] });
    expect(await store().load('progress', isProgress)).toEqual({ status: 'ok', value: { done: ['l1', 'l2'] } });
  });

  it('keeps a JSON document that fails validation aside, with the validator’s message', async () => {
    await store().save('progress', { done: [] });
    await writeFile(join(files.dir, 'progress.json'), '{"done":"l1"}');
    expect(await store().load('progress', isProgress)).toEqual({
      status: 'corrupt',
      keptAs: 'progress.corrupt-1.json',
      message: 'done must be a list of lesson ids',
    });
    expect(await readFile(join(files.dir, 'progress.corrupt-1.json'), 'utf8')).toBe('{"done":"l1"}');
    expect(await store().load('progress', isProgress)).toEqual({ status: 'missing' });
  });

  it('a valid progress document too large to save again is set aside on load, not loaded to fail every save', async () => {
    // Valid by the schema, under the read limit, but its JSON after validation is over it.
    const lessons: Record<string, unknown> = {};
    const entry = { passed: true, passedAt: '2026-12-01T10:00:00.000Z', hintsUsed: 0, attempts: 1, solutionShown: false };
    // Filled to within one entry of the limit: `"lesson-N":{…},` per entry.
    const entryBytes = JSON.stringify(entry).length + '"lesson-100000":,'.length;
    let size = '{"version":1,"lessons":{}}'.length;
    for (let i = 100_000; size + entryBytes <= MAX_DOCUMENT_BYTES; i++, size += entryBytes) lessons[`lesson-${i}`] = entry;
    const text = JSON.stringify({ version: 1, lessons });
    expect(text.length).toBeGreaterThan(MAX_DOCUMENT_BYTES - entryBytes);
    expect(text.length).toBeLessThanOrEqual(MAX_DOCUMENT_BYTES);
    await files.write(PROGRESS_KEY, text);
    // The same document with one more lesson is what every later save would write.
    const loaded = await store().load(PROGRESS_KEY, parseProgress);
    expect(loaded.status).toBe('ok');
    await expect(store().save(PROGRESS_KEY, { version: 1, lessons: { ...lessons, 'lesson-x': entry } })).rejects.toThrow(/document too large/);
    // A document over the limit on disk is refused by its size on load (the file store), kept, and reported.
    await writeFile(join(files.dir, `${PROGRESS_KEY}.json`), JSON.stringify({ version: 1, lessons: { ...lessons, 'lesson-x': entry, 'lesson-y': entry } }));
    expect(await store().load(PROGRESS_KEY, parseProgress)).toMatchObject({ status: 'corrupt', keptAs: `${PROGRESS_KEY}.corrupt-1.json`, message: expect.stringMatching(/more than the limit of 4194304 bytes$/) });
  });

  it('a document that validates to more than it was stored as is set aside, saying it could not be saved again', async () => {
    const padded = (value: unknown): { text: string } => ({ text: `${(value as { text: string }).text}${'x'.repeat(MAX_DOCUMENT_BYTES)}` });
    await files.write('notes', '{"text":"a"}');
    expect(await store().load('notes', padded)).toEqual({
      status: 'corrupt',
      keptAs: 'notes.corrupt-1.json',
      message: `notes: document too large (${MAX_DOCUMENT_BYTES + 12} bytes, limit ${MAX_DOCUMENT_BYTES}); it could not be saved again`,
    });
  });

  it('a missing key in the progress document names it with its JSON path', async () => {
    await files.write(PROGRESS_KEY, JSON.stringify({ version: 1, lessons: { 'arp-ignore': { passed: true, passedAt: null, hintsUsed: 0, solutionShown: false } } }));
    const loaded = await store().load(PROGRESS_KEY, parseProgress);
    expect(loaded).toMatchObject({ status: 'corrupt', message: 'lesson progress: $.lessons["arp-ignore"].attempts: missing (expected a number)' });
    expect(loaded.status === 'corrupt' && loaded.message).not.toMatch(/undefined/);
  });
});
