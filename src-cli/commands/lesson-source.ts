// The lessons the grader can replay, by id: the curriculum of the lessons engine.
import type { LessonLookup } from '../../src-sim/course/challenge/exercise.ts';
import { findLesson, loadCurriculum } from '../../src-sim/course/lessons/curriculum/index.ts';

export const cliLessons: LessonLookup = findLesson;
export const knownLessonIds: ReadonlySet<string> = new Set(loadCurriculum().lessons.map((l) => l.id));
