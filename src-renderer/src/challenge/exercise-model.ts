// What the challenge screen shows and verifies, the same for a challenge and
// for a pack's lesson exercise: the lab to open, the ticket (a lesson's goal),
// the hints, and how a journal of commands becomes a scored result.
import {
  generateChallenge,
  LESSON_PAR_SECONDS,
  lessonScenario,
  lessonSetup,
  playChallenge,
  playExercise,
  playGenerated,
  sealedChallenge,
  type ExamExercise,
  type SealedLab,
  type Challenge,
  renderCheckResult,
  type CheckResultText,
  type Lang,
  type Lesson,
  type LessonLookup,
  type Level,
  type Scenario,
  type Step,
  type ScoreBreakdown,
  type Text,
  type TranscriptCommand,
} from '../../../src-sim/session/index.ts';
import type { TimedCommand } from '../lab-state.svelte.ts';

export interface ActiveExercise {
  kind: 'challenge' | 'lesson';
  /** "seed 42 · level 3" or the lesson's title. */
  heading: Text;
  ticket: Text;
  hints: Text[];
  /** Faults, or a lesson's checks. */
  items: number;
  parSeconds: number;
  scenario: Scenario;
  labSeed: number;
  setup: Step[];
  /** Reference solution, shown on request: one block per fault (a lesson has one). */
  solution: Array<{ title: Text; lines: string[] }>;
  seed?: number;
  level?: Level;
  lesson?: string;
  /** Replays a transcript and scores it. */
  verify(attempt: { transcript: TranscriptCommand[]; submittedAt: number; hintsUsed: number; solutionShown: boolean; timeLimitSeconds?: number }, lang: Lang): VerifyResult;
}

export interface VerifyResult {
  score: ScoreBreakdown;
  elapsedSeconds: number;
  /** One per fault (or lesson check): fixed or not, and what still fails. */
  items: Array<{ title: string; fixed: boolean; problems: string[] }>;
  collateral: CheckResultText[];
}

export function challengeExercise(seed: number, level: Level): ActiveExercise {
  const challenge: Challenge = generateChallenge(seed, level);
  return {
    kind: 'challenge',
    heading: { en: `seed ${seed} · level ${level}`, 'zh-CN': `种子 ${seed} · 级别 ${level}` },
    ticket: challenge.ticket,
    hints: challenge.hints,
    items: challenge.faults.length,
    parSeconds: challenge.parSeconds,
    scenario: challenge.scenario,
    labSeed: challenge.labSeed,
    setup: challenge.setup,
    solution: challenge.faults.map((f) => ({ title: f.title, lines: f.fix })),
    seed,
    level,
    verify(attempt, lang) {
      const out = playChallenge(seed, level, attempt);
      return {
        score: out.score,
        elapsedSeconds: out.replay.elapsedSeconds,
        items: out.assessment.faults.map((f) => ({ title: f.title[lang], fixed: f.fixed, problems: f.checks.filter((c) => !c.pass).map((c) => renderCheckResult(c, lang).message) })),
        collateral: out.assessment.collateral.map((c) => renderCheckResult(c, lang)),
      };
    },
  };
}

/**
 * An exam's exercise, from the learner's unsealed lab: no seed on screen, a
 * ticket naming no fault, no hints, no solution, and a verification that says
 * which faults are fixed without saying what their checks look at.
 */
export function examExercise(exercise: ExamExercise, lab: SealedLab): ActiveExercise {
  const challenge = sealedChallenge(exercise, lab);
  return {
    kind: 'challenge',
    heading: { en: `exam · ${exercise.id} · level ${exercise.level}`, 'zh-CN': `考试 · ${exercise.id} · 级别 ${exercise.level}` },
    ticket: challenge.ticket,
    hints: [],
    items: challenge.faults.length,
    parSeconds: challenge.parSeconds,
    scenario: challenge.scenario,
    labSeed: challenge.labSeed,
    setup: challenge.setup,
    solution: [],
    level: exercise.level,
    verify(attempt, lang) {
      const out = playGenerated(challenge, attempt);
      return {
        score: out.score,
        elapsedSeconds: out.replay.elapsedSeconds,
        items: out.assessment.faults.map((f) => ({ title: f.title[lang], fixed: f.fixed, problems: [] })),
        collateral: out.assessment.collateral.map((c) => renderCheckResult(c, lang)),
      };
    },
  };
}

export function lessonExercise(lesson: Lesson, lessons: LessonLookup): ActiveExercise {
  return {
    kind: 'lesson',
    heading: lesson.title,
    ticket: lesson.goal,
    hints: lesson.hints,
    items: lesson.checks.length,
    parSeconds: LESSON_PAR_SECONDS,
    scenario: lessonScenario(lesson),
    labSeed: lesson.seed,
    setup: lessonSetup(lesson),
    solution: [{ title: lesson.title, lines: lesson.solution }],
    lesson: lesson.id,
    verify(attempt, lang) {
      const out = playExercise({ kind: 'lesson', lesson: lesson.id }, attempt, lessons, lang);
      if ('error' in out) throw new Error(out.error);
      const results = (out.checks ?? []).map((r) => renderCheckResult(r, lang));
      return {
        score: out.score,
        elapsedSeconds: out.replay.elapsedSeconds,
        items: results.map((r) => ({ title: r.title, fixed: r.pass, problems: r.pass ? [] : [r.message] })),
        collateral: [],
      };
    },
  };
}

/**
 * The learner's commands with their start on the lab's clock, relative to
 * the exercise's start (`labStart`, after the setup), as a results file
 * records them. The session timed each command as it ran.
 */
export function timedTranscript(timed: readonly TimedCommand[], labStart: number, now: number): { transcript: TranscriptCommand[]; elapsedSeconds: number } {
  const since = (t: number): number => Math.round((t - labStart) * 1e6) / 1e6;
  return { transcript: timed.map((c) => ({ t: since(c.t), host: c.host, run: c.run })), elapsedSeconds: since(now) };
}
