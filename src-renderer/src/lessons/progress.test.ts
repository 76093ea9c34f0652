import { describe, expect, it } from 'vitest';
import { createDocumentStore, memoryBackend } from '../storage/document-store.ts';
import { emptyProgress, parseProgress, PROGRESS_KEY, recordProgress } from './progress.ts';

describe('lesson progress', () => {
  it('records hints, verifications and a pass that is never undone', () => {
    let p = recordProgress(emptyProgress(), 'arp-ignore', { passed: false, hintsShown: 1, verified: false, solutionShown: false, now: 't1' });
    p = recordProgress(p, 'arp-ignore', { passed: false, hintsShown: 1, verified: true, solutionShown: false, now: 't2' });
    p = recordProgress(p, 'arp-ignore', { passed: true, hintsShown: 0, verified: true, solutionShown: false, now: 't3' });
    p = recordProgress(p, 'arp-ignore', { passed: false, hintsShown: 0, verified: true, solutionShown: true, now: 't4' });
    expect(p.lessons['arp-ignore']).toEqual({ passed: true, passedAt: 't3', hintsUsed: 1, attempts: 3, solutionShown: true });
    expect(parseProgress(JSON.parse(JSON.stringify(p)))).toEqual(p);
  });

  it('rejects malformed documents with a reason', () => {
    expect(() => parseProgress([])).toThrow('lesson progress: $: expected an object, got an array');
    expect(() => parseProgress({ version: 2, lessons: {} })).toThrow('lesson progress: $.version: unsupported version 2 (expected 1)');
    expect(() => parseProgress({ version: 1, lessons: { x: { passed: 'yes' } } })).toThrow('lesson progress: $.lessons.x.passed: expected true or false, got the string "yes"; $.lessons.x.passedAt: missing (expected an ISO time or null)');
  });

  it('a corrupt stored document is kept aside and reported, not dropped', async () => {
    const backend = memoryBackend({ [PROGRESS_KEY]: '{"version":1,"lessons":{"x":{"passed":1}}}' });
    const store = createDocumentStore(backend);
    const result = await store.load(PROGRESS_KEY, parseProgress);
    expect(result).toMatchObject({ status: 'corrupt', message: expect.stringContaining('$.lessons.x.passed: expected true or false, got the number 1') });
    if (result.status !== 'corrupt') throw new Error('expected corrupt');
    expect(backend.records.get(result.keptAs)).toBe('{"version":1,"lessons":{"x":{"passed":1}}}');
  });
});
