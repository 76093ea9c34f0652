// Running a lesson: the working lab booted, set up and broken; the learner's
// commands applied; the checks evaluated. The same functions serve the CLI,
// the lesson player and the tests.
import type { Lang } from '../../api.ts';
import { createLab, type Lab } from '../../lab.ts';
import type { CheckResult } from './check-types.ts';
import { evaluateChecks } from './checks.ts';
import { applySteps, parseCommandsFile, type AppliedStep, type CommandStep } from './commands-file.ts';
import type { Lesson } from './lesson-types.ts';

/** The lab's setup steps and the break, as commands-file lines (what Workspace.open runs before handing over). */
export function lessonSetupLines(lesson: Lesson): string[] {
  const setup = lesson.lab.steps.map((step) => ('sleep' in step ? `sleep ${step.sleep}` : `${step.host}$ ${step.run}`));
  return [...setup, ...lesson.break];
}

/** Parses lines a lesson carries; they were validated when the lesson was loaded. */
export function lessonSteps(lines: readonly string[]): CommandStep[] {
  const parsed = parseCommandsFile(lines.join('\n'));
  if (!parsed.ok) throw new Error(`lesson commands: line ${parsed.problems[0]!.line}: ${parsed.problems[0]!.message}`);
  return parsed.steps;
}

/** The broken lab the learner starts from. */
export function startLessonLab(lesson: Lesson): Lab {
  const lab = createLab(lesson.lab, { seed: lesson.seed });
  applySteps(lab, lessonSteps(lessonSetupLines(lesson)));
  return lab;
}

export function checkLesson(lab: Lab, lesson: Lesson, lang: Lang = 'en'): CheckResult[] {
  return evaluateChecks(lab, lesson.checks, { lang });
}

export interface LessonAttempt {
  lab: Lab;
  applied: AppliedStep[];
  results: CheckResult[];
  passed: boolean;
}

/** Starts the lesson, applies `steps` as the learner would type them, and checks. */
export function attemptLesson(lesson: Lesson, steps: readonly CommandStep[], lang: Lang = 'en'): LessonAttempt {
  const lab = startLessonLab(lesson);
  const applied = applySteps(lab, steps);
  const results = checkLesson(lab, lesson, lang);
  return { lab, applied, results, passed: results.every((r) => r.pass) };
}
