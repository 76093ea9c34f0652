import { describe, expect, it } from 'vitest';
import { isExam, isLevel, loadCurriculum, makeLearnerExam } from '../../../src-sim/session/index.ts';
import { buildPack, draftFromPack, draftToRaw, DRAFT_LEVELS, emptyDraft, freeExerciseId, newSecret, rosterLines, type PackDraft } from './pack-draft.ts';
import { previewExam } from './pack-files.ts';

const lesson = loadCurriculum().lessons[0]!.id;
let key = 0;
const nextKey = () => ++key;

function practice(): PackDraft {
  return {
    ...emptyDraft(),
    titleEn: ' Week 3 ',
    titleZh: '第三周',
    exercises: [
      { key: nextKey(), id: 'warm-up', kind: 'lesson', lesson, level: 1, seed: '', timeLimit: '' },
      { key: nextKey(), id: 'ticket-1', kind: 'challenge', lesson: '', level: 2, seed: '42', timeLimit: '900' },
    ],
  };
}

describe('pack editor draft', () => {
  it('makes the pack the CLI would accept, with its text and id', () => {
    const { text, load } = buildPack(practice(), 'week3.json');
    expect(load.ok).toBe(true);
    if (!load.ok) return;
    expect(load.loaded.text).toBe(text);
    expect(load.loaded.pack).toEqual({
      format: 'lvs-dr-lab/pack@1',
      title: { en: 'Week 3', 'zh-CN': '第三周' },
      hintsAllowed: true,
      solutionsAllowed: false,
      exercises: [
        { id: 'warm-up', kind: 'lesson', lesson },
        { id: 'ticket-1', kind: 'challenge', seed: 42, level: 2, timeLimitSeconds: 900 },
      ],
    });
    expect(load.loaded.id).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reports bad input in the pack format\'s own words, at the JSON path of the field', () => {
    const draft = practice();
    draft.titleEn = '';
    draft.titleZh = '';
    draft.exercises[1]!.seed = 'abc';
    draft.exercises[1]!.timeLimit = '5';
    draft.exercises[0]!.id = 'Warm Up';
    const { load } = buildPack(draft, 'p.json');
    expect(load.ok).toBe(false);
    if (load.ok) return;
    const byPath = Object.fromEntries(load.problems.map((p) => [p.path, p.message]));
    expect(byPath['$.title']).toBe('needs the text in "en" or "zh-CN" (or both)');
    expect(byPath['$.exercises[0].id']).toContain('invalid exercise id "Warm Up"');
    expect(byPath['$.exercises[1].seed']).toContain('"abc"');
    expect(byPath['$.exercises[1].timeLimitSeconds']).toContain('5');
  });

  it('an exam names no seed, allows no help, carries the secret and roster, and refuses a lesson', () => {
    const draft = practice();
    draft.mode = 'exam';
    draft.secret = newSecret();
    draft.learners = 'wang-wei\n\n  li-na  \n';
    draft.hintsAllowed = true;
    const raw = draftToRaw(draft);
    expect(raw['hintsAllowed']).toBe(false);
    expect(raw['exam']).toEqual({ secret: draft.secret, learners: ['wang-wei', 'li-na'] });
    expect((raw['exercises'] as Array<Record<string, unknown>>)[1]).not.toHaveProperty('seed');
    const refused = buildPack(draft, 'exam.json').load;
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.problems.map((p) => p.path)).toEqual(['$.exercises[0].kind']);
    draft.exercises.shift();
    const accepted = buildPack(draft, 'exam.json').load;
    expect(accepted.ok && isExam(accepted.loaded.pack)).toBe(true);
  });

  it('an exam without learners or with a duplicate learner is refused by the schema', () => {
    const draft = { ...practice(), mode: 'exam' as const, secret: newSecret(), learners: 'ana\nana' };
    draft.exercises = draft.exercises.slice(1);
    const load = buildPack(draft, 'exam.json').load;
    expect(!load.ok && load.problems.map((p) => p.message)).toEqual(['duplicate learner id "ana"']);
    const none = buildPack({ ...draft, learners: ' \n' }, 'exam.json').load;
    expect(!none.ok && none.problems[0]!.path).toBe('$.exam.learners');
  });

  it('previews an exam as its first learner, with that learner\'s sealed lab opened by their code', () => {
    const draft = { ...practice(), mode: 'exam' as const, secret: newSecret(), learners: 'ana\nbo' };
    draft.exercises = draft.exercises.slice(1);
    const load = buildPack(draft, 'exam.json').load;
    if (!load.ok || !isExam(load.loaded.pack)) throw new Error('not an exam');
    const opened = previewExam(load.loaded);
    expect(opened?.learner).toBe('ana');
    expect(opened?.labs.map((l) => l.id)).toEqual(['ticket-1']);
    // The learners' pack it opened carries no secret and no seed.
    expect(JSON.stringify(opened?.exam)).not.toContain(draft.secret);
    expect(makeLearnerExam(load.loaded.pack, load.loaded.id).codes.map((c) => c.learner)).toEqual(['ana', 'bo']);
  });

  it('a pack opened in the editor gives back the same pack', () => {
    const first = buildPack(practice(), 'a.json').load;
    if (!first.ok) throw new Error('invalid');
    const again = buildPack(draftFromPack(first.loaded.pack, nextKey), 'a.json').load;
    expect(again.ok && again.loaded.id).toBe(first.loaded.id);
  });

  it('gives new rows free ids and reads the roster one a line', () => {
    expect(freeExerciseId('ticket-1', ['ticket-1', 'ticket-1-2'])).toBe('ticket-1-3');
    expect(freeExerciseId('x', [])).toBe('x');
    expect(rosterLines('a\r\n b \n\n')).toEqual(['a', 'b']);
    expect(newSecret()).toMatch(/^[0-9a-f]{64}$/);
  });

  it('offers every challenge level there is, the keepalived level 5 included', () => {
    const levels = Array.from({ length: 10 }, (_, i) => i).filter((n) => isLevel(n));
    expect(DRAFT_LEVELS).toEqual(levels);
    expect(DRAFT_LEVELS).toContain(5);
  });
});
