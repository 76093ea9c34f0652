// Every lesson both ways: the broken lab fails its checks, the reference
// solution passes, every other valid fix passes, every plausible wrong fix
// fails.
import { describe, expect, it } from 'vitest';
import { loadCurriculum } from './curriculum/index.ts';
import { attemptLesson } from './lesson-run.ts';
import { stepsFromLines } from './commands-file.ts';

const { lessons, problems } = loadCurriculum();

function failures(results: ReturnType<typeof attemptLesson>['results']): string {
  return results.filter((r) => !r.pass).map((r) => `${r.id}: ${r.message}\n    ${r.explanation.join('\n    ')}`).join('\n');
}

describe('curriculum', () => {
  it('has at least ten valid lessons with unique ids, hints, both languages', () => {
    expect(problems).toEqual([]);
    expect(lessons.length).toBeGreaterThanOrEqual(10);
    expect(lessons.map((l) => l.order)).toEqual([...lessons.map((l) => l.order)].sort((a, b) => a - b));
  });
});

for (const lesson of lessons) {
  describe(`lesson ${lesson.id}`, () => {
    it('the broken lab fails at least one check', () => {
      const attempt = attemptLesson(lesson, []);
      expect(attempt.passed).toBe(false);
    });

    it('the reference solution passes every check', () => {
      const attempt = attemptLesson(lesson, stepsFromLines(lesson.solution));
      expect(failures(attempt.results)).toBe('');
      expect(attempt.applied.filter((a) => a.result && a.result.exit !== 0).map((a) => a.result!.stderr)).toEqual([]);
    });

    lesson.otherFixes.forEach((fix, i) => {
      it(`other valid fix ${i + 1} passes: ${fix.note.en}`, () => {
        const attempt = attemptLesson(lesson, stepsFromLines(fix.commands));
        expect(failures(attempt.results)).toBe('');
      });
    });

    lesson.wrongFixes.forEach((fix, i) => {
      it(`wrong fix ${i + 1} fails: ${fix.note.en}`, () => {
        const attempt = attemptLesson(lesson, stepsFromLines(fix.commands));
        expect(attempt.passed).toBe(false);
      });
    });
  });
}
