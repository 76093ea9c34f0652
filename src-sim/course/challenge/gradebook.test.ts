import { describe, expect, it } from 'vitest';
import { findLesson } from '../lessons/curriculum/index.ts';
import { generateChallenge } from './generate.ts';
import { gradeResults, type GradeRow } from './grade.ts';
import { classStats, classStatsCsv, GRADEBOOK_FORMAT, GRADEBOOK_LIMITS, gradebookFileText, median, parseGradebookText, savedGradebook } from './gradebook.ts';
import { packId, type Pack } from './pack.ts';
import { makeResultsFile } from './results-make.ts';

const PACK: Pack = {
  format: 'lvs-dr-lab/pack@1',
  title: { en: 'Week 1' },
  hintsAllowed: true,
  solutionsAllowed: true,
  exercises: [{ id: 'a', kind: 'challenge', seed: 31, level: 1 }],
};
const PACK_TEXT = JSON.stringify(PACK);
const ID = packId(PACK);

function fix(start: number) {
  return generateChallenge(31, 1)
    .faults.flatMap((f) => f.fix)
    .map((line, i) => ({ t: start + i * 3, host: line.split('$ ')[0]!, run: line.split('$ ')[1]! }));
}

function row(file: string, learner: string, attempt: { start: number; submit: number; hints: number; solution: boolean; fixed: boolean }): GradeRow {
  const transcript = attempt.fixed ? fix(attempt.start) : [{ t: attempt.start, host: 'director', run: 'ipvsadm -Ln' }];
  const results = makeResultsFile(PACK, ID, learner, [{ id: 'a', transcript, submittedAt: attempt.submit, hintsUsed: attempt.hints, solutionShown: attempt.solution }], findLesson);
  return gradeResults(PACK, ID, file, JSON.stringify(results), { lessons: findLesson });
}

describe('class statistics', () => {
  const rows = [
    row('1.json', 'A', { start: 5, submit: 40, hints: 0, solution: false, fixed: true }),
    row('2.json', 'B', { start: 5, submit: 100, hints: 2, solution: false, fixed: true }),
    row('3.json', 'C', { start: 5, submit: 70, hints: 1, solution: true, fixed: true }),
    row('4.json', 'D', { start: 5, submit: 30, hints: 0, solution: false, fixed: false }),
    gradeResults(PACK, ID, '5.json', '{"format"', { lessons: findLesson }),
  ];

  it('counts attempts, solutions, hints and reveals; the median time is of those who solved it; unreadable files count nowhere', () => {
    expect(rows.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'confirmed', 'confirmed', 'unreadable']);
    expect(classStats(PACK, rows)).toEqual([{ id: 'a', learners: 4, attempted: 4, solved: 3, medianSeconds: 70, hints: 3, solutionsShown: 1, unverified: 0 }]);
    expect(classStatsCsv(PACK, rows)).toBe('exercise,learners,attempted,solved,median_seconds_solved,hints_used,solutions_shown,unverified\r\na,4,4,3,70,3,1,0\r\n');
  });

  it('median of an even count is the mean of the middle two; of nothing, null', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it('counts a learner whose speed points the replay cannot vouch for', () => {
    const fast = gradeResults(PACK, ID, 'f.json', JSON.stringify(makeResultsFile(PACK, ID, 'F', [{ id: 'a', transcript: fix(0).map((c) => ({ ...c, t: 0 })), submittedAt: 0, hintsUsed: 0, solutionShown: false }], findLesson)), { lessons: findLesson });
    expect(fast.unverified.some((u) => u.includes('speed'))).toBe(true);
    expect(classStats(PACK, [fast])[0]!.unverified).toBe(1);
  });
});

describe('saved gradebook', () => {
  const rows = [row('1.json', 'A', { start: 5, submit: 40, hints: 0, solution: false, fixed: true })];

  it('round-trips: the pack and every row come back', () => {
    const loaded = parseGradebookText(JSON.stringify(savedGradebook('week1.json', PACK_TEXT, rows)));
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.packId).toBe(ID);
    expect(loaded.gradebook.rows).toEqual(rows);
  });

  it("a gradebook file keeps the learners' transcripts, so one opens from the file alone; an edited one is refused with its path", () => {
    const results = makeResultsFile(PACK, ID, 'A', [{ id: 'a', transcript: fix(5), submittedAt: 40, hintsUsed: 0, solutionShown: false }], findLesson);
    const saved = gradebookFileText('week1.json', PACK_TEXT, rows, { '1.json': results });
    expect(saved.transcripts).toBe(true);
    const loaded = parseGradebookText(saved.text);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.gradebook.transcripts?.['1.json']?.exercises[0]?.transcript).toEqual(fix(5));
    const edited = JSON.parse(saved.text) as { transcripts: Record<string, { exercises: Array<{ transcript: unknown }> }> };
    edited.transcripts['1.json']!.exercises[0]!.transcript = 'rm -rf /';
    const bad = parseGradebookText(JSON.stringify(edited));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]!.path).toMatch(/^\$\.transcripts\["1\.json"\] ▸ \$\.exercises\[0\]\.transcript/);
  });

  it('transcripts that would take the file over the open limit are left out, and the caller is told', () => {
    const results = makeResultsFile(PACK, ID, 'A', [{ id: 'a', transcript: fix(5), submittedAt: 40, hintsUsed: 0, solutionShown: false }], findLesson);
    const many = Object.fromEntries(Array.from({ length: Math.ceil(GRADEBOOK_LIMITS.bytes / JSON.stringify(results).length) + 1 }, (_, i) => [`${i}.json`, results]));
    const saved = gradebookFileText('week1.json', PACK_TEXT, rows, many);
    expect(saved.transcripts).toBe(false);
    const loaded = parseGradebookText(saved.text);
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.problems));
    expect(loaded.gradebook.transcripts).toBeUndefined();
    expect(loaded.gradebook.rows).toEqual(rows);
  });

  it('an edited or truncated gradebook reports each problem with its path', () => {
    const edited = JSON.parse(JSON.stringify(savedGradebook('week1.json', PACK_TEXT, rows))) as { rows: Array<{ status: string; total: unknown }> };
    edited.rows[0]!.status = 'excellent';
    edited.rows[0]!.total = -1;
    const bad = parseGradebookText(JSON.stringify(edited));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.path).sort()).toEqual(['$.rows[0].status', '$.rows[0].total']);
    const cut = parseGradebookText(JSON.stringify(savedGradebook('w.json', PACK_TEXT, rows)).slice(0, 80));
    expect(cut.ok).toBe(false);
    const wrongPack = parseGradebookText(JSON.stringify({ format: GRADEBOOK_FORMAT, pack: { name: 'p', text: '{"format":"lvs-dr-lab/pack@1"}' }, rows: [] }));
    expect(wrongPack.ok).toBe(false);
    if (!wrongPack.ok) expect(wrongPack.problems[0]!.path).toMatch(/^\$\.pack\.text ▸ \$/);
  });
});
