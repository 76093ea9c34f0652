// Making a results file: what the app writes when a learner finishes a pack,
// and what the tests and the bench write. The claimed score is the app's own
// replay of the attempt, the same computation the grader repeats.
import type { Lang } from '../../api.ts';
import { CHALLENGE_LAB_VERSION } from './base-lab.ts';
import { sealedChallenge, type LearnerExam, type SealedLab } from './exam.ts';
import { playExercise, type LessonLookup } from './exercise.ts';
import type { Pack } from './pack.ts';
import { localText } from './pack.ts';
import { playGenerated } from './play.ts';
import { RESULTS_FORMAT, type ExerciseAttempt, type ExerciseResult, type ResultsFile } from './results.ts';

export type { ExerciseAttempt };

function recorded(attempt: ExerciseAttempt, claimedScore: number) {
  return {
    id: attempt.id,
    transcript: attempt.transcript,
    ...(attempt.events ? { events: attempt.events } : {}),
    submittedAt: attempt.submittedAt,
    hintsUsed: attempt.hintsUsed,
    solutionShown: attempt.solutionShown,
    claimedScore,
  };
}

export function makeResultsFile(pack: Pack, packId: string, learner: string, attempts: readonly ExerciseAttempt[], lessons: LessonLookup, lang: Lang = 'en'): ResultsFile {
  const exercises: ExerciseResult[] = attempts.map((attempt) => {
    const spec = pack.exercises.find((e) => e.id === attempt.id);
    if (!spec) throw new Error(`exercise "${attempt.id}" is not in the pack`);
    if (spec.kind === 'challenge' && spec.seed === undefined) throw new Error('an exam\'s results are made from the learner\'s exam pack (makeExamResultsFile)');
    const play = spec.kind === 'challenge' ? { kind: 'challenge' as const, seed: spec.seed!, level: spec.level } : spec;
    const outcome = playExercise(play, { ...attempt, ...(spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}) }, lessons, lang);
    if ('error' in outcome) throw new Error(outcome.error);
    const base = recorded(attempt, outcome.score.total);
    return spec.kind === 'challenge' ? { ...base, kind: 'challenge', seed: spec.seed!, level: spec.level, lab: CHALLENGE_LAB_VERSION } : { ...base, kind: 'lesson', lesson: spec.lesson };
  });
  return { format: RESULTS_FORMAT, pack: { id: packId, title: localText(pack.title, lang).slice(0, 200) }, learner, exercises };
}

/** A learner's results of an exam, from their unsealed labs: no seed anywhere, the score of their own replay. */
export function makeExamResultsFile(exam: LearnerExam, labs: readonly SealedLab[], learner: string, attempts: readonly ExerciseAttempt[], lang: Lang = 'en'): ResultsFile {
  const exercises: ExerciseResult[] = attempts.map((attempt) => {
    const spec = exam.exercises.find((e) => e.id === attempt.id);
    const lab = labs.find((l) => l.id === attempt.id);
    if (!spec || !lab) throw new Error(`exercise "${attempt.id}" is not in the exam`);
    const outcome = playGenerated(sealedChallenge(spec, lab), { ...attempt, ...(spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}) });
    return { ...recorded(attempt, outcome.score.total), kind: 'challenge', level: spec.level, lab: lab.lab };
  });
  return { format: RESULTS_FORMAT, pack: { id: exam.exam, title: localText(exam.title, lang).slice(0, 200) }, learner, exercises };
}
