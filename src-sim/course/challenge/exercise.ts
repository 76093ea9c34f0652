// One exercise of a pack, replayed and scored: a challenge (seed, level) or a
// lesson. For a lesson, its checks count as the faults and there is no
// collateral (a lesson's lab has no separate baseline); par is 600 s.
import type { Lang } from '../../api.ts';
import { renderText } from '../../i18n/catalogue.ts';
import type { CheckResult } from '../lessons/check-types.ts';
import { checkLesson, startLessonLab } from '../lessons/lesson-run.ts';
import type { Lesson } from '../lessons/lesson-types.ts';
import type { Level } from './levels.ts';
import { playChallenge, replayTranscript, type ChallengeAttempt, type ReplayOutcome } from './play.ts';
import { computeScore, type ScoreBreakdown } from './score.ts';

export const LESSON_PAR_SECONDS = 600;

/** The curriculum's lessons by id (src-sim/course/lessons/curriculum `findLesson`). */
export type LessonLookup = (id: string) => Lesson | undefined;

/** `labSeed`: an exam variant's seed for the lab's random source (exam.ts). */
export type ExerciseSpec = { kind: 'challenge'; seed: number; level: Level; labSeed?: number } | { kind: 'lesson'; lesson: string };

export interface ExerciseOutcome {
  score: ScoreBreakdown;
  replay: ReplayOutcome;
  /** "2/3": faults (or lesson checks) fixed of all. */
  fixed: number;
  of: number;
  /** Names of what is still broken, for the gradebook. */
  unfixed: string[];
  /** A lesson's check results. */
  checks?: CheckResult[];
}

export function playExercise(spec: ExerciseSpec, attempt: ChallengeAttempt, lessons: LessonLookup, lang: Lang = 'en'): ExerciseOutcome | { error: string } {
  if (spec.kind === 'challenge') {
    const out = playChallenge(spec.seed, spec.level, attempt, spec.labSeed);
    const faults = out.assessment.faults;
    return {
      score: out.score,
      replay: out.replay,
      fixed: faults.filter((f) => f.fixed).length,
      of: faults.length,
      unfixed: faults.filter((f) => !f.fixed).map((f) => f.title[lang]),
    };
  }
  const lesson = lessons(spec.lesson);
  if (!lesson) return { error: `unknown lesson "${spec.lesson}"` };
  const lab = startLessonLab(lesson);
  const replay = replayTranscript(lab, attempt.transcript, attempt.submittedAt, attempt.timeLimitSeconds);
  const results = checkLesson(lab, lesson);
  const fixed = results.filter((r) => r.pass).length;
  const score = computeScore({
    faults: results.length,
    fixed,
    elapsedSeconds: replay.elapsedSeconds,
    parSeconds: LESSON_PAR_SECONDS,
    hintsUsed: attempt.hintsUsed,
    collateral: 0,
    solutionShown: attempt.solutionShown,
  });
  return { score, replay, fixed, of: results.length, unfixed: results.filter((r) => !r.pass).map((r) => renderText(lang, r.title)), checks: results };
}
