// The lessons a pack can name, from the curriculum of the lessons engine.
import type { LessonLookup } from '../../../src-sim/session/index.ts';
import { findLesson, loadCurriculum } from '../../../src-sim/session/index.ts';

export const lessonLookup: LessonLookup = findLesson;
export function knownLessons(): ReadonlySet<string> {
  return new Set(loadCurriculum().lessons.map((l) => l.id));
}
