// Running a lesson: the working lab booted, set up and broken; the learner's
// commands applied; the checks evaluated. The same functions serve the CLI,
// the lesson player and the tests.
import { bootLab, type Lab } from '../../lab.ts';
import { applySteps, type AppliedStep, type Step } from '../../step.ts';
import type { CheckResult } from './check-types.ts';
import { evaluateChecks } from './checks.ts';
import { stepsFromLines } from './commands-file.ts';
import type { Lesson } from './lesson-types.ts';
import type { Scenario } from '../../scenario/types.ts';

/** The lab's setup steps and the break: what runs before the learner starts. */
export function lessonSetup(lesson: Lesson): Step[] {
  return [...lesson.lab.steps, ...stepsFromLines(lesson.break)];
}

/** The lesson's lab as booted, before its setup (its own steps run as part of the setup). */
export function lessonScenario(lesson: Lesson): Scenario {
  return { ...lesson.lab, steps: [] };
}

/** The broken lab the learner starts from. */
export function startLessonLab(lesson: Lesson): Lab {
  return bootLab(lessonScenario(lesson), lessonSetup(lesson), { seed: lesson.seed });
}

/** The lesson's checks on `lab`, evaluated once; the results are messages for any language. */
export function checkLesson(lab: Lab, lesson: Lesson): CheckResult[] {
  return evaluateChecks(lab, lesson.checks);
}

export interface LessonAttempt {
  lab: Lab;
  applied: AppliedStep[];
  results: CheckResult[];
  passed: boolean;
}

/** Starts the lesson, applies `steps` as the learner would type them, and checks. */
export function attemptLesson(lesson: Lesson, steps: readonly Step[]): LessonAttempt {
  const lab = startLessonLab(lesson);
  const applied = applySteps(lab, steps);
  const results = checkLesson(lab, lesson);
  return { lab, applied, results, passed: results.every((r) => r.pass) };
}
