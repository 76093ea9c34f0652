// `npm run bench`: builds the CLI and runs the simulator benchmarks (figures printed, nothing asserted).
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [join(root, 'scripts/build-cli.mjs')], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const run = spawnSync(process.execPath, ['--expose-gc', join(root, 'out/cli/src-cli/bench/sim-bench.js')], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
// Lessons: time to verify each lesson's checks (goal < 50 ms).
const lessons = spawnSync(process.execPath, [join(root, 'out/cli/src-cli/bench/lesson-bench.js')], { stdio: 'inherit' });
if (lessons.status !== 0) process.exit(lessons.status ?? 1);
// Grading time of the classroom: 100 results files of a 5-exercise pack, replayed.
const grade = spawnSync(process.execPath, [join(root, 'out/cli/src-cli/bench/grade-bench.js')], { stdio: 'inherit' });
process.exit(grade.status ?? 1);
