import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDocumentStore } from '../../src-renderer/src/storage/document-store.ts';
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
});
