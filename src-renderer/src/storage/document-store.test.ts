import { describe, expect, it } from 'vitest';
import { createDocumentStore, memoryBackend } from './document-store.ts';
import { keyValueBackend, type KeyValueStore } from './idb-backend.ts';

interface Board {
  scores: number[];
}
const parseBoard = (value: unknown): Board => {
  const scores = (value as { scores?: unknown } | null)?.scores;
  if (!Array.isArray(scores) || !scores.every(Number.isFinite)) throw new Error('scores must be a list of numbers');
  return { scores: scores as number[] };
};

/** IndexedDB's behaviour as the backend sees it: records that may be anything, moves in one step. */
function mapKv(initial: Record<string, unknown> = {}): KeyValueStore & { records: Map<string, unknown> } {
  const records = new Map(Object.entries(initial));
  return {
    records,
    get: async (key) => records.get(key),
    put: async (key, value) => void records.set(key, value),
    move: async (from, to) => {
      records.set(to, records.get(from));
      records.delete(from);
    },
  };
}

describe('document store (backend-independent rules)', () => {
  it('returns missing for a document never saved, and the value after a save', async () => {
    const store = createDocumentStore(memoryBackend());
    expect(await store.load('leaderboard', parseBoard)).toEqual({ status: 'missing' });
    await store.save('leaderboard', { scores: [3, 1] });
    expect(await store.load('leaderboard', parseBoard)).toEqual({ status: 'ok', value: { scores: [3, 1] } });
  });

  it('keeps text that is not JSON aside under KEY.corrupt-N and reports the parser’s message', async () => {
    const raw = memoryBackend({ leaderboard: '{"scores": [1,', 'leaderboard.corrupt-1': 'older' });
    const result = await createDocumentStore(raw).load('leaderboard', parseBoard);
    expect(result).toMatchObject({ status: 'corrupt', keptAs: 'leaderboard.corrupt-2' });
    expect(result.status === 'corrupt' && result.message).toMatch(/^not valid JSON: /);
    expect(Object.fromEntries(raw.records)).toEqual({ 'leaderboard.corrupt-1': 'older', 'leaderboard.corrupt-2': '{"scores": [1,' });
  });

  it('keeps a document that fails validation aside with the validator’s message, and a later save starts fresh', async () => {
    const raw = memoryBackend({ leaderboard: '{"scores":"many"}' });
    const store = createDocumentStore(raw);
    expect(await store.load('leaderboard', parseBoard)).toEqual({
      status: 'corrupt',
      keptAs: 'leaderboard.corrupt-1',
      message: 'scores must be a list of numbers',
    });
    await store.save('leaderboard', { scores: [] });
    expect(raw.records.get('leaderboard.corrupt-1')).toBe('{"scores":"many"}');
    expect(await store.load('leaderboard', parseBoard)).toEqual({ status: 'ok', value: { scores: [] } });
  });

  it('rejects bad keys and values that are not JSON before reaching the backend', async () => {
    const raw = memoryBackend();
    const store = createDocumentStore(raw);
    await expect(store.save('../x', {})).rejects.toThrow(/invalid document key "..\/x"/);
    await expect(store.load('a.b', parseBoard)).rejects.toThrow(/invalid document key/);
    await expect(store.save('x', undefined)).rejects.toThrow(/x: cannot be saved as JSON: undefined/);
    await expect(store.save('x', { n: 1n })).rejects.toThrow(/x: cannot be saved as JSON: .*BigInt/);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    await expect(store.save('x', cycle)).rejects.toThrow(/cannot be saved as JSON/);
    await expect(store.save('x', 'y'.repeat(4 * 1024 * 1024))).rejects.toThrow(/too large/);
    expect(raw.records.size).toBe(0);
  });

  it('runs a load queued behind a save of the same key after the save, so it never sets a fresh document aside', async () => {
    const raw = memoryBackend({ board: 'not json' });
    const store = createDocumentStore(raw);
    const saved = store.save('board', { scores: [1] });
    const loaded = store.load('board', parseBoard);
    await saved;
    expect(await loaded).toEqual({ status: 'ok', value: { scores: [1] } });
    expect([...raw.records.keys()]).toEqual(['board']);
  });
});

describe('IndexedDB backend logic', () => {
  it('stores JSON text per key and reads it back', async () => {
    const kv = mapKv();
    const store = createDocumentStore(keyValueBackend(kv));
    expect(store.kind).toBe('indexeddb');
    await store.save('progress', { scores: [2] });
    expect(kv.records.get('progress')).toBe('{"scores":[2]}');
    expect(await store.load('progress', parseBoard)).toEqual({ status: 'ok', value: { scores: [2] } });
  });

  it('moves a record that is not text aside and says what it was', async () => {
    const kv = mapKv({ progress: { scores: [1] } });
    const result = await createDocumentStore(keyValueBackend(kv)).load('progress', parseBoard);
    expect(result).toEqual({ status: 'corrupt', keptAs: 'progress.corrupt-1', message: 'not JSON text (a stored object)' });
    expect(kv.records.get('progress.corrupt-1')).toEqual({ scores: [1] });
    expect(kv.records.has('progress')).toBe(false);
  });

  it('moves corrupt JSON aside to the next free number', async () => {
    const kv = mapKv({ progress: '{', 'progress.corrupt-1': 'a', 'progress.corrupt-2': 'b' });
    const result = await createDocumentStore(keyValueBackend(kv)).load('progress', parseBoard);
    expect(result).toMatchObject({ status: 'corrupt', keptAs: 'progress.corrupt-3' });
    expect([...kv.records.keys()].sort()).toEqual(['progress.corrupt-1', 'progress.corrupt-2', 'progress.corrupt-3']);
  });
});
