import { describe, expect, it } from 'vitest';
import { gradeResults } from '../../../src-sim/session/index.ts';
import { generateChallenge } from '../../../src-sim/session/index.ts';
import { lessonLookup } from './lessons.ts';
import { examResultsText, learnerExamFiles, loadLearnerExam, loadPack, openExam, resultsFileName, resultsText } from './pack-files.ts';

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
    const text = resultsText(loaded.loaded, '  Li Lei ', { c1: { id: 'c1', transcript: fix, events: [], submittedAt: 40, hintsUsed: 0, solutionShown: false, score: 1000 } }, 'en');
    const row = gradeResults(loaded.loaded.pack, loaded.loaded.id, 'r.json', text, { lessons: lessonLookup });
    expect(row.learner).toBe('Li Lei');
    expect(row.exercises.map((e) => e.score)).toEqual([1000, null]);
    // The lesson was not done: the gradebook says so.
    expect(row.flags).toEqual(['exercise "l1" is missing']);
  });

  it('records hints as events in the results file, and the grader holds the count to them', () => {
    const loaded = loadPack('p.json', PACK_TEXT);
    if (!loaded.ok) throw new Error('pack');
    const fix = generateChallenge(3, 1).faults[0]!.fix.map((line, i) => ({ t: 5 + i, host: line.split('$ ')[0]!, run: line.split('$ ')[1]! }));
    const attempt = { id: 'c1', transcript: fix, events: [{ t: 3, event: 'hint' as const }], submittedAt: 40, hintsUsed: 1, solutionShown: false, score: 950 };
    const text = resultsText(loaded.loaded, 'Li Lei', { c1: attempt }, 'en');
    expect(JSON.parse(text).exercises[0].events).toEqual([{ t: 3, event: 'hint' }]);
    const erased = text.replace('"hintsUsed": 1', '"hintsUsed": 0');
    const row = gradeResults(loaded.loaded.pack, loaded.loaded.id, 'r.json', erased, { lessons: lessonLookup });
    expect(row.flags).toContain('exercise "c1": hintsUsed says 0, the file records 1 hint event(s)');
  });

  it('makes an exam\'s learner pack and codes, opens a learner\'s labs with their code only, and writes results the grader confirms', () => {
    const teacher = loadPack('exam.json', JSON.stringify({
      format: 'lvs-dr-lab/pack@1',
      title: { en: 'Final' },
      hintsAllowed: false,
      solutionsAllowed: false,
      exercises: [{ id: 't1', kind: 'challenge', level: 1 }],
      exam: { secret: '77'.repeat(32), learners: ['Wang Wei', 'Li Na'] },
    }));
    if (!teacher.ok) throw new Error('exam');
    const files = learnerExamFiles(teacher.loaded)!;
    const codes = Object.fromEntries(files.codes.trim().split('\r\n').slice(1).map((line) => line.split(',') as [string, string]));
    const practice = loadPack('p.json', PACK_TEXT);
    if (!practice.ok) throw new Error('pack');
    expect(learnerExamFiles(practice.loaded)).toBeNull();
    const exam = loadLearnerExam('final.json', files.pack);
    if (!exam?.ok) throw new Error('learner exam');
    expect(loadLearnerExam('p.json', PACK_TEXT)).toBeNull();
    expect(openExam(exam.exam, 'final.json', 'Wang Wei', codes['Li Na']!)).toBeNull();
    const opened = openExam(exam.exam, 'final.json', 'Wang Wei', codes['Wang Wei']!.toLowerCase())!;
    const text = examResultsText(opened, { t1: { id: 't1', transcript: [{ t: 4, host: 'director', run: 'ipvsadm -Ln' }], events: [], submittedAt: 30, hintsUsed: 0, solutionShown: false, score: 0 } }, 'en');
    expect(text).not.toMatch(/"seed"/);
    const row = gradeResults(teacher.loaded.pack, teacher.loaded.id, 'wang.json', text, { lessons: lessonLookup });
    expect(row.status).toBe('confirmed');
    expect(row.exercises[0]!.fixed).toBe(0);
  });
});
