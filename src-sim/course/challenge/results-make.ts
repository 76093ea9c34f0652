// Making a results file: what the app writes when a learner finishes a pack,
// and what the tests and the bench write. The claimed score is the app's own
// replay of the attempt, the same computation the grader repeats.
import type { Lang } from '../../api.ts';
import { CHALLENGE_LAB_VERSION } from './base-lab.ts';
import { playExercise, type LessonLookup } from './exercise.ts';
import type { Pack } from './pack.ts';
import { localText } from './pack.ts';
import { RESULTS_FORMAT, type ExerciseResult, type ResultsFile, type TranscriptCommand } from './results.ts';

export interface ExerciseAttempt {
  /** The pack exercise's id. */
  id: string;
  transcript: TranscriptCommand[];
  submittedAt: number;
  hintsUsed: number;
  solutionShown: boolean;
}

export function makeResultsFile(pack: Pack, packId: string, learner: string, attempts: readonly ExerciseAttempt[], lessons: LessonLookup, lang: Lang = 'en'): ResultsFile {
  const exercises: ExerciseResult[] = attempts.map((attempt) => {
    const spec = pack.exercises.find((e) => e.id === attempt.id);
    if (!spec) throw new Error(`exercise "${attempt.id}" is not in the pack`);
    const outcome = playExercise(spec, { ...attempt, ...(spec.timeLimitSeconds !== undefined ? { timeLimitSeconds: spec.timeLimitSeconds } : {}) }, lessons, lang);
    if ('error' in outcome) throw new Error(outcome.error);
    const base = { id: attempt.id, transcript: attempt.transcript, submittedAt: attempt.submittedAt, hintsUsed: attempt.hintsUsed, solutionShown: attempt.solutionShown, claimedScore: outcome.score.total };
    return spec.kind === 'challenge' ? { ...base, kind: 'challenge', seed: spec.seed, level: spec.level, lab: CHALLENGE_LAB_VERSION } : { ...base, kind: 'lesson', lesson: spec.lesson };
  });
  return { format: RESULTS_FORMAT, pack: { id: packId, title: localText(pack.title, lang).slice(0, 200) }, learner, exercises };
}
