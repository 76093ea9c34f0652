// `npm run bench`: how long verifying a lesson takes (all its checks, probes
// on forked labs included), after the reference solution. Goal: < 50 ms.
import { performance } from 'node:perf_hooks';
import { stepsFromLines } from '../../src-sim/course/lessons/commands-file.ts';
import { applySteps } from '../../src-sim/step.ts';
import { loadCurriculum } from '../../src-sim/course/lessons/curriculum/index.ts';
import { checkLesson, startLessonLab } from '../../src-sim/course/lessons/lesson-run.ts';

const ROUNDS = 20;
const rows: Array<[string, number, number]> = [];
for (const lesson of loadCurriculum().lessons) {
  const lab = startLessonLab(lesson);
  applySteps(lab, stepsFromLines(lesson.solution));
  checkLesson(lab, lesson); // warm-up
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const start = performance.now();
    checkLesson(lab, lesson);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  rows.push([lesson.id, times[Math.floor(ROUNDS / 2)]!, times[ROUNDS - 1]!]);
}
console.log(`verifying a lesson (every check, probes on forked labs), median / max of ${ROUNDS} runs, goal < 50 ms:`);
for (const [id, median, max] of rows) console.log(`  ${id.padEnd(18)} ${median.toFixed(1).padStart(6)} ms  ${max.toFixed(1).padStart(6)} ms`);
const worst = Math.max(...rows.map((r) => r[1]));
console.log(`  slowest median: ${worst.toFixed(1)} ms ${worst < 50 ? '(under the 50 ms goal)' : '(OVER the 50 ms goal)'}`);
