// The learner's lesson progress: one small document in the store. A document
// that fails this validator is kept aside by the store and reported.
import * as v from 'valibot';
import { boolean, describeValue, expecting, integer, strictObject, text, validate } from '../../../src-sim/session/index.ts';

export const PROGRESS_KEY = 'lesson-progress';

export interface LessonProgress {
  passed: boolean;
  /** ISO time of the first pass. */
  passedAt: string | null;
  hintsUsed: number;
  attempts: number;
  solutionShown: boolean;
}

export interface Progress {
  version: 1;
  lessons: Record<string, LessonProgress>;
}

export function emptyProgress(): Progress {
  return { version: 1, lessons: {} };
}

const progressSchema = strictObject({
  version: expecting(v.literal(1, (issue) => `unsupported version ${JSON.stringify(issue.input)} (expected 1)`), '1'),
  lessons: v.record(
    v.string(),
    strictObject({
      passed: boolean,
      passedAt: expecting(v.nullable(text(64)), 'an ISO time or null'),
      hintsUsed: integer(0, 1_000_000),
      attempts: integer(0, 1_000_000_000),
      solutionShown: boolean,
    }),
    (issue) => `expected an object, got ${describeValue(issue.input)}`,
  ),
});

/** Validates a stored document; throws with the reasons (JSON path and problem), which reach the learner. */
export function parseProgress(value: unknown): Progress {
  const result = validate(progressSchema, value);
  if (!result.ok) throw new Error(`lesson progress: ${result.problems.slice(0, 3).map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return result.value as Progress;
}

/** The progress after a hint, a verification or a pass; a pass is never undone. */
export function recordProgress(progress: Progress, id: string, update: { passed: boolean; hintsShown: number; verified: boolean; solutionShown: boolean; now: string }): Progress {
  const before = progress.lessons[id];
  const entry: LessonProgress = {
    passed: (before?.passed ?? false) || update.passed,
    passedAt: before?.passedAt ?? (update.passed ? update.now : null),
    hintsUsed: Math.max(before?.hintsUsed ?? 0, update.hintsShown),
    attempts: (before?.attempts ?? 0) + (update.verified ? 1 : 0),
    solutionShown: (before?.solutionShown ?? false) || update.solutionShown,
  };
  return { version: 1, lessons: { ...progress.lessons, [id]: entry } };
}
