// The lessons the grader can replay, by id. The lessons engine (issue 5) owns
// the curriculum and its loader; until it exports a catalog, grading knows no
// lessons and says so for every lesson exercise ("unknown lesson").
import type { LessonLookup } from '../../src-sim/challenge/exercise.ts';

export const cliLessons: LessonLookup = () => undefined;
export const knownLessonIds: ReadonlySet<string> | undefined = undefined;
