// The learner's lesson progress: one small document in the store. A document
// that fails this validator is kept aside by the store and reported.
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

/** Validates a stored document; throws with the reason, which reaches the learner. */
export function parseProgress(value: unknown): Progress {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('lesson progress is not an object');
  const doc = value as Record<string, unknown>;
  if (doc['version'] !== 1) throw new Error(`lesson progress has version ${JSON.stringify(doc['version'])}, expected 1`);
  const lessons = doc['lessons'];
  if (typeof lessons !== 'object' || lessons === null || Array.isArray(lessons)) throw new Error('lesson progress: "lessons" is not an object');
  const out: Record<string, LessonProgress> = {};
  for (const [id, raw] of Object.entries(lessons as Record<string, unknown>)) {
    const p = raw as Record<string, unknown> | null;
    const ok =
      typeof p === 'object' &&
      p !== null &&
      typeof p['passed'] === 'boolean' &&
      (p['passedAt'] === null || typeof p['passedAt'] === 'string') &&
      Number.isInteger(p['hintsUsed']) &&
      Number.isInteger(p['attempts']) &&
      typeof p['solutionShown'] === 'boolean';
    if (!ok) throw new Error(`lesson progress: the entry for "${id}" is malformed`);
    out[id] = { passed: p['passed'] as boolean, passedAt: p['passedAt'] as string | null, hintsUsed: p['hintsUsed'] as number, attempts: p['attempts'] as number, solutionShown: p['solutionShown'] as boolean };
  }
  return { version: 1, lessons: out };
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
