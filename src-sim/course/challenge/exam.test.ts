// Exams that hold: each learner's own variant, sealed under their code, and
// grading that replays each file on its learner's variant. Every forgery the
// classroom issue lists is pinned here: it fails to replay to the learner's
// own variant, is flagged, or is prevented by the exam's design.
import { describe, expect, it } from 'vitest';
import { findLesson } from '../lessons/curriculum/index.ts';
import { stepsFromLines } from '../lessons/commands-file.ts';
import { learnerCode } from './exam-keys.ts';
import { examExercises, examTicket, learnerVariant, makeLearnerExam, parseLearnerExamText, sealedChallenge, unlockExam, variantChallenge, type SealedLab } from './exam.ts';
import { generateChallenge } from './generate.ts';
import { crossCheckRows, gradeResults } from './grade.ts';
import { PACK_FORMAT, packId, validatePack, type ExamKeys, type Pack } from './pack.ts';
import { makeExamResultsFile, makeResultsFile, type ExerciseAttempt } from './results-make.ts';
import type { ResultsFile, TranscriptCommand } from './results.ts';

const lessons = findLesson;
const SECRET = '5e'.repeat(32);
const LEARNERS = ['wang-wei', 'li-na', 'zhou-min'];

const EXAM: Pack & { exam: ExamKeys } = {
  format: PACK_FORMAT,
  title: { en: 'Final', 'zh-CN': '期末' },
  hintsAllowed: false,
  solutionsAllowed: false,
  exercises: [
    { id: 'ticket-1', kind: 'challenge', level: 2, timeLimitSeconds: 1800 },
    { id: 'ticket-2', kind: 'challenge', level: 3 },
  ],
  exam: { secret: SECRET, learners: LEARNERS },
};
const EXAM_ID = packId(EXAM);
const EXERCISES = examExercises(EXAM);
const { exam: LEARNER_EXAM, codes: CODES } = makeLearnerExam(EXAM, EXAM_ID);
const code = (learner: string) => CODES.find((c) => c.learner === learner)!.code;

/** Commands stamped 5 s apart from `from`, one per line of `lines`. */
function timed(lines: readonly string[], from = 20): TranscriptCommand[] {
  return stepsFromLines(lines).flatMap((s, i) => ('run' in s ? [{ t: from + i * 5, host: s.host, run: s.run }] : []));
}

/** What the learner types: a look around, then the fixes of their own variant (the test knows them; the learner found them). */
function honestAttempts(learner: string): ExerciseAttempt[] {
  return EXERCISES.map((e) => {
    const challenge = variantChallenge(EXAM.exam, learner, { id: e.id, level: e.level });
    const transcript = [{ t: 5, host: 'router', run: 'arping -c 2 -I eth0 198.51.100.100' }, ...timed(challenge.faults.flatMap((f) => f.fix))];
    return { id: e.id, transcript, submittedAt: transcript[transcript.length - 1]!.t + 30, hintsUsed: 0, solutionShown: false };
  });
}

function labsOf(learner: string): SealedLab[] {
  const labs = unlockExam(LEARNER_EXAM, learner, code(learner));
  if (!labs) throw new Error(`no labs for ${learner}`);
  return labs;
}

function honestFile(learner: string): ResultsFile {
  return makeExamResultsFile(LEARNER_EXAM, labsOf(learner), learner, honestAttempts(learner));
}

function grade(results: ResultsFile, file = 'r.json') {
  return gradeResults(EXAM, EXAM_ID, file, JSON.stringify(results), { lessons });
}

const faultKeys = (learner: string, id: string) => variantChallenge(EXAM.exam, learner, { id, level: EXERCISES.find((e) => e.id === id)!.level }).faults.map((f) => f.key);

describe('an exam pack', () => {
  it('is valid only without hints, solutions, lessons and seeds', () => {
    expect(validatePack(EXAM).ok).toBe(true);
    const bad = validatePack({ ...EXAM, hintsAllowed: true, exercises: [...EXAM.exercises, { id: 'l', kind: 'lesson', lesson: 'arp-ignore' }, { id: 's', kind: 'challenge', seed: 4, level: 1 }] });
    expect(bad.ok ? [] : bad.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      '$.hintsAllowed: an exam allows no hints',
      '$.exercises[2].kind: an exam sets challenges only: a lesson is public, with its solution, in Lessons',
      "$.exercises[3].seed: an exam names no seed: each learner's is drawn from the exam's secret",
    ]);
    const practice = validatePack({ ...EXAM, exam: undefined });
    expect(practice.ok ? [] : practice.problems.map((p) => p.path)).toEqual(['$.exercises[0].seed', '$.exercises[1].seed']);
  });

  it('gives learners different variants', () => {
    expect(faultKeys('wang-wei', 'ticket-2')).not.toEqual(faultKeys('li-na', 'ticket-2'));
    expect(learnerVariant(EXAM.exam, 'wang-wei', 'ticket-1')).not.toEqual(learnerVariant(EXAM.exam, 'li-na', 'ticket-1'));
  });

  it('makes a learner pack with no secret, no seed, no fix and no readable lab', () => {
    const text = JSON.stringify(LEARNER_EXAM);
    const loaded = parseLearnerExamText(text);
    expect(loaded.ok).toBe(true);
    expect(text).not.toContain(SECRET);
    expect(text).not.toMatch(/"seed"|sysctl|ipvsadm|arp_ignore|"fix"|"hints"/);
    for (const learner of LEARNERS) {
      for (const e of EXERCISES) expect(text).not.toContain(String(learnerVariant(EXAM.exam, learner, e.id).seed));
    }
  });

  it('opens each learner\'s labs with their own code only', () => {
    expect(unlockExam(LEARNER_EXAM, 'wang-wei', learnerCode(SECRET, 'li-na'))).toBeNull();
    expect(unlockExam(LEARNER_EXAM, 'wang-wei', 'AAAAAAAAAA')).toBeNull();
    expect(unlockExam(LEARNER_EXAM, 'nobody', code('wang-wei'))).toBeNull();
    const labs = labsOf('wang-wei');
    expect(labs.map((l) => l.id)).toEqual(['ticket-1', 'ticket-2']);
  });

  it('plays an unsealed lab as the teacher\'s variant, with a ticket naming no fault and no hint or fix', () => {
    for (const e of EXERCISES) {
      const lab = labsOf('li-na').find((l) => l.id === e.id)!;
      const played = sealedChallenge({ id: e.id, level: e.level }, lab);
      const teacher = variantChallenge(EXAM.exam, 'li-na', { id: e.id, level: e.level });
      expect(played.seed).toBeNull();
      expect(played.setup).toEqual(teacher.setup);
      expect(played.labSeed).toBe(teacher.labSeed);
      expect(played.hints).toEqual([]);
      expect(played.faults.flatMap((f) => f.fix)).toEqual([]);
      expect(played.ticket).toEqual(examTicket(teacher.faults.length));
      // The free Challenge tab cannot be matched to the exam by its ticket: no fault's symptom is in it.
      for (const f of teacher.faults) expect(played.ticket.en).not.toContain(f.ticket.en);
      expect(JSON.stringify(played.faults)).not.toMatch(new RegExp(teacher.faults.map((f) => f.id).join('|')));
    }
  });
});

describe('grading an exam', () => {
  it('confirms honest files on each learner\'s own variant, with the score their app claimed', () => {
    for (const learner of LEARNERS) {
      const row = grade(honestFile(learner));
      expect(row.flags).toEqual([]);
      expect(row.status).toBe('confirmed');
      expect(row.exercises.every((e) => e.fixed === e.of && e.score === e.claimed && e.score! > 600)).toBe(true);
      expect(row.unverified).toEqual([]);
    }
  });

  it('forgery: another learner\'s file renamed fails to replay on the learner\'s own variant, and the class check names both', () => {
    const theirs = honestFile('li-na');
    const renamed: ResultsFile = { ...structuredClone(theirs), learner: 'wang-wei' };
    const row = grade(renamed, 'wang-wei.json');
    expect(row.status).toBe('flagged');
    expect(row.flags).toContainEqual(expect.stringMatching(/^exercise "ticket-2": claims \d+ points, the replay gives \d+$/));
    const rows = crossCheckRows([grade(theirs, 'li-na.json'), row]);
    expect(rows[0]!.status).toBe('flagged');
    expect(rows[0]!.flags).toContain('exercise "ticket-2": the same commands at the same times as wang-wei.json ("wang-wei")');
    // Retimed: a short transcript can be typed alike by two honest learners with the same faults; six commands or more cannot.
    const retimed = (file: ResultsFile, extra: number, shift: number, learner: string): ResultsFile => {
      const copy = { ...structuredClone(file), learner };
      const e = copy.exercises[1]!;
      e.transcript = [...Array.from({ length: extra }, (_, i) => ({ t: 1 + i * 0.5, host: 'rs1', run: 'ip addr' })), ...e.transcript].map((c) => ({ ...c, t: c.t + shift }));
      return copy;
    };
    expect(theirs.exercises[1]!.transcript.length).toBeLessThan(6);
    const short = crossCheckRows([grade(retimed(theirs, 0, 0.25, 'li-na'), 'a.json'), grade(retimed(theirs, 0, 0.5, 'wang-wei'), 'b.json')]);
    expect(short[0]!.flags.filter((f) => f.startsWith('exercise "ticket-2": the same commands'))).toEqual([]);
    const long = crossCheckRows([grade(retimed(theirs, 3, 0.25, 'li-na'), 'a.json'), grade(retimed(theirs, 3, 0.5, 'wang-wei'), 'b.json')]);
    expect(long[0]!.flags).toContain('exercise "ticket-2": the same commands, in the same order, as b.json ("wang-wei")');
    // Renamed without touching the name inside: one learner, two files.
    const copied = crossCheckRows([grade(theirs, 'li-na.json'), grade(theirs, 'wang-wei.json')]);
    expect(copied[1]!.flags).toContain('learner "li-na" also sent li-na.json');
  });

  it('forgery: a learner not on the roster has no variant to replay on', () => {
    const row = grade({ ...honestFile('li-na'), learner: 'li-na2' });
    expect(row.status).toBe('flagged');
    expect(row.flags[0]).toBe('learner "li-na2" is not on this exam\'s roster: there is no variant to replay the file on');
    expect(row.exercises.every((e) => e.score === null)).toBe(true);
  });

  it('forgery: all timestamps 0 is flagged, or its speed is listed as unverified', () => {
    const zeroed = honestFile('zhou-min');
    for (const e of zeroed.exercises) {
      e.transcript = e.transcript.map((c) => ({ ...c, t: 0 }));
      e.submittedAt = 0;
    }
    const row = grade(zeroed);
    expect(row.status).toBe('flagged');
    expect(row.flags).toContainEqual(expect.stringMatching(/^exercise "ticket-1": command 2 is stamped 0\.000 s but the previous command ran until/));
    // One command at 0 s passes the replay (it ends 10 ms later, as a terminal would), but its speed points are not vouched for.
    const single = honestFile('zhou-min');
    const e = single.exercises[0]!;
    const fix = e.transcript.slice(1);
    expect(fix).toHaveLength(1);
    e.transcript = fix.map((c) => ({ ...c, t: 0 }));
    e.submittedAt = 0;
    const again = makeExamResultsFile(LEARNER_EXAM, labsOf('zhou-min'), 'zhou-min', [{ id: e.id, transcript: e.transcript, submittedAt: 0, hintsUsed: 0, solutionShown: false }, { ...honestAttempts('zhou-min')[1]! }]);
    const graded = grade(again);
    expect(graded.unverified).toEqual([expect.stringMatching(/^exercise "ticket-1": speed: 1 command\(s\) in 0\.010 s, faster than anyone types; its 200 speed points rest on timestamps the learner's app wrote$/)]);
  });

  it('forgery: hints and a shown solution cannot be erased from an exam: it offers none, and any in a file is flagged', () => {
    const file = honestFile('wang-wei');
    file.exercises[0]!.hintsUsed = 1;
    file.exercises[1]!.events = [{ t: 30, event: 'solution' }];
    const row = grade(file);
    expect(row.flags).toEqual([
      'exercise "ticket-1": 1 hint(s) used, but the pack allows none',
      expect.stringMatching(/^exercise "ticket-1": claims \d+ points, the replay gives \d+$/),
      'exercise "ticket-2": solutionShown says false, the file records 1 solution event(s)',
      'exercise "ticket-2": the solution was shown, but the pack does not allow it',
      expect.stringMatching(/^exercise "ticket-2": claims \d+ points, the replay gives 0$/),
    ]);
  });

  it('forgery: fixes computed from a seed without opening the lab do not fix the learner\'s variant', () => {
    // The learner pack names no seed; the best a forger can do is a public seed's fixes (or all of them).
    const attempts = EXERCISES.map((e) => {
      const transcript = timed(generateChallenge(42, e.level).faults.flatMap((f) => f.fix));
      return { id: e.id, transcript, submittedAt: 200, hintsUsed: 0, solutionShown: false };
    });
    const forged = makeExamResultsFile(LEARNER_EXAM, labsOf('wang-wei'), 'wang-wei', attempts);
    for (const e of forged.exercises) e.claimedScore = 1000;
    const row = grade(forged);
    expect(row.status).toBe('flagged');
    expect(row.exercises.some((e) => e.fixed < e.of)).toBe(true);
  });

  it('forgery: practice results moved to the exam with its pack id are flagged and replayed on the learner\'s variant', () => {
    const practice: Pack = { ...EXAM, exam: undefined, hintsAllowed: true, exercises: [{ id: 'ticket-1', kind: 'challenge', seed: 42, level: 2 }, { id: 'ticket-2', kind: 'challenge', seed: 43, level: 3 }] };
    const fixes = (seed: number, level: 2 | 3) => timed(generateChallenge(seed, level).faults.flatMap((f) => f.fix));
    const done = makeResultsFile(practice, packId(practice), 'wang-wei', [
      { id: 'ticket-1', transcript: fixes(42, 2), submittedAt: 100, hintsUsed: 0, solutionShown: false },
      { id: 'ticket-2', transcript: fixes(43, 3), submittedAt: 100, hintsUsed: 0, solutionShown: false },
    ], lessons);
    const moved: ResultsFile = { ...done, pack: { id: EXAM_ID } };
    const row = grade(moved);
    expect(row.status).toBe('flagged');
    expect(row.flags).toContain('exercise "ticket-1": the file says seed 42 level 2, the pack set level 2 (an exam gives learners no seed: seed 42 is from another pack)');
    expect(row.exercises.some((e) => e.fixed < e.of)).toBe(true);
  });

  it('the three replay already caught: an edited seed, an edited score, overlapping timestamps', () => {
    const seeded = honestFile('li-na');
    (seeded.exercises[0] as { seed?: number }).seed = 7;
    expect(grade(seeded).flags).toContain('exercise "ticket-1": the file says seed 7 level 2, the pack set level 2 (an exam gives learners no seed: seed 7 is from another pack)');
    const scored = honestFile('li-na');
    scored.exercises[1]!.claimedScore -= 1;
    expect(grade(scored).flags).toContain(`exercise "ticket-2": claims ${scored.exercises[1]!.claimedScore} points, the replay gives ${scored.exercises[1]!.claimedScore + 1}`);
    const overlapping = honestFile('li-na');
    overlapping.exercises[0]!.transcript[0] = { t: 5, host: 'router', run: 'ping -c 5 198.51.100.100' };
    overlapping.exercises[0]!.transcript[1]!.t = 6;
    expect(grade(overlapping).flags).toContainEqual(expect.stringMatching(/^exercise "ticket-1": command 2 is stamped 6\.000 s but the previous command ran until/));
  });
});
