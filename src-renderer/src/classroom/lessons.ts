// The lessons a pack can name, from the curriculum of the lessons engine.
import type { LessonLookup } from '../../../src-sim/course/challenge/exercise.ts';
import { findLesson, loadCurriculum } from '../../../src-sim/course/lessons/curriculum/index.ts';

export const lessonLookup: LessonLookup = findLesson;
export function knownLessons(): ReadonlySet<string> {
  return new Set(loadCurriculum().lessons.map((l) => l.id));
}
