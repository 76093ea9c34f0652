import { describe, expect, it } from 'vitest';
import { gradeResults } from '../../../src-sim/session/index.ts';
import { generateChallenge } from '../../../src-sim/session/index.ts';
import { lessonLookup } from './lessons.ts';
import { loadPack, resultsFileName, resultsText } from './pack-files.ts';

const PACK_TEXT = JSON.stringify({
  format: 'lvs-dr-lab/pack@1',
  title: { en: 'Practice' },
  hintsAllowed: true,
  solutionsAllowed: true,
  exercises: [
    { id: 'c1', kind: 'challenge', seed: 3, level: 1 },
    { id: 'l1', kind: 'lesson', lesson: 'arp-ignore' },
  ],
});

describe('classroom pack files', () => {
  it('loads a pack with the curriculum\'s lesson ids and rejects unknown lessons with a path', () => {
    const ok = loadPack('p.json', PACK_TEXT);
    expect(ok.ok).toBe(true);
    const bad = loadPack('q.json', PACK_TEXT.replace('"arp-ignore"', '"arp-ignorance"'));
    expect(bad).toEqual({ ok: false, file: 'q.json', problems: [{ path: '$.exercises[1].lesson', message: 'unknown lesson "arp-ignorance"' }] });
  });

  it('names the results file after the learner, safely', () => {
    expect(resultsFileName('Wang Wei')).toBe('results-Wang-Wei.json');
    expect(resultsFileName('王伟')).toBe('results-王伟.json');
    expect(resultsFileName('../../etc/passwd')).toBe('results-etc-passwd.json');
    expect(resultsFileName('///')).toBe('results-learner.json');
  });

  it('writes a results file the grader confirms', () => {
    const loaded = loadPack('p.json', PACK_TEXT);
    if (!loaded.ok) throw new Error('pack');
    const fix = generateChallenge(3, 1).faults[0]!.fix.map((line, i) => ({ t: 5 + i, host: line.split('$ ')[0]!, run: line.split('$ ')[1]! }));
    const text = resultsText(loaded.loaded, '  Li Lei ', { c1: { id: 'c1', transcript: fix, submittedAt: 40, hintsUsed: 0, solutionShown: false, score: 1000 } }, 'en');
    const row = gradeResults(loaded.loaded.pack, loaded.loaded.id, 'r.json', text, { lessons: lessonLookup });
    expect(row.learner).toBe('Li Lei');
    expect(row.exercises.map((e) => e.score)).toEqual([1000, null]);
    // The lesson was not done: the gradebook says so.
    expect(row.flags).toEqual(['exercise "l1" is missing']);
  });
});
