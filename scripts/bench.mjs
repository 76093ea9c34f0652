// `npm run bench [-- --against REV] [-- --rounds N]`: builds the CLI and
// prints the simulator's figures beside those of the previous commit,
// measured in the same run: before, after and their ratio. Then the lesson
// benchmark of the current tree, and the wall time to grade a class of 200
// results files (10 hostile) before and after. Figures only, nothing asserted.
//
// "Previous commit": with uncommitted changes, HEAD (so the changes are
// measured); with a clean tree, HEAD's parent (so every commit is compared
// with its parent). Its CLI is built in a temporary `git worktree` under the
// system's temp directory, which is removed afterwards. Both builds run the
// current tree's src-cli/bench/sim-bench.js, so the workload is the same;
// the builds take turns, N rounds each, and the best round counts (the
// machine may be shared: the best is the least disturbed). Rates are per
// second of CPU time (see sim-bench.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, renameSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
const loadAtStart = loadavg().map((l) => l.toFixed(2)).join(' ');
/** Wall-time budget of the whole run; the later benchmarks are skipped past it. */
const BUDGET_MS = 115_000;
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const rounds = Number(option('--rounds', '2'));
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;

function git(...gitArgs) {
  const result = spawnSync('git', gitArgs, { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

function build(dir) {
  const result = spawnSync(process.execPath, [join(dir, 'scripts/build-cli.mjs')], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status === 0;
}

const built = build(root);
if (!built) process.exit(1);

// The previous commit, built in a temporary worktree. Its build output is
// kept per commit in the temp directory (a commit's build does not change),
// so running the bench again does not rebuild it; --rebuild does.
const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
const against = option('--against', dirty ? 'HEAD' : 'HEAD~1');
const baseRev = git('rev-parse', '--verify', '--quiet', `${against}^{commit}`);
const nodeModules = realpathSync(join(root, 'node_modules'));
let baseDir = null;
if (baseRev) {
  const cache = join(tmpdir(), 'lvs-dr-lab-bench', baseRev);
  if (args.includes('--rebuild')) rmSync(cache, { recursive: true, force: true });
  if (!existsSync(join(cache, 'out/cli/src-sim/lab.js'))) buildCommit(baseRev, cache);
  if (existsSync(join(cache, 'out/cli/src-sim/lab.js'))) baseDir = join(cache, 'out/cli');
} else {
  console.log(`bench: ${against} is not a commit; figures of the current tree only`);
}

/** Builds `rev`'s CLI in a temporary worktree and keeps its out/ in `cache` (with a link to the dependencies). */
function buildCommit(rev, cache) {
  const worktree = join(mkdtempSync(join(tmpdir(), 'lvs-dr-lab-bench-tree-')), 'tree');
  try {
    if (git('worktree', 'add', '--detach', worktree, rev) === null) return;
    // The worktree shares this tree's dependencies (node_modules may itself be a link).
    symlinkSync(nodeModules, join(worktree, 'node_modules'), 'dir');
    if (!build(worktree)) return;
    rmSync(cache, { recursive: true, force: true });
    mkdirSync(cache, { recursive: true });
    renameSync(join(worktree, 'out'), join(cache, 'out'));
    symlinkSync(nodeModules, join(cache, 'node_modules'), 'dir');
  } finally {
    git('worktree', 'remove', '--force', worktree);
    rmSync(dirname(worktree), { recursive: true, force: true });
    git('worktree', 'prune');
  }
}

/** The last line of a child's output as JSON, or null when it failed. */
function jsonOf(run) {
  if (run.status !== 0) return null;
  try {
    return JSON.parse(run.stdout.trim().split('\n').pop());
  } catch {
    return null;
  }
}

/** Inputs the fuzz-rate figure runs: the same ones (this tree's generator, one seed) for both builds. */
const FUZZ_SAMPLE = 2000;

function measure(simDir) {
  const figures = jsonOf(spawnSync(process.execPath, ['--expose-gc', join(root, 'out/cli/src-cli/bench/sim-bench.js'), '--json', '--sim', simDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));
  // Builds before the fuzzer (src-sim/fuzz-target.js) have no figure.
  if (!existsSync(join(simDir, 'src-sim/fuzz-target.js'))) return figures;
  // scripts/fuzz.mjs exits 1 when an input crashed: the rate is still a figure, and the crash is its report's.
  const fuzz = spawnSync(process.execPath, [join(root, 'scripts/fuzz.mjs'), '--runs', String(FUZZ_SAMPLE), '--seed', '11', '--sim', simDir, '--json'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const rate = jsonOf({ ...fuzz, status: 0 })?.cpuRate;
  if (figures && rate !== undefined) figures.push({ id: 'fuzz-rate', label: `fuzzing, ${FUZZ_SAMPLE.toLocaleString('en')} generated scripts and keepalived.conf files (seed 11)`, unit: 'inputs/s', value: rate, higherIsBetter: true });
  return figures;
}

/** Per figure id, the best value over the rounds. */
function best(runs) {
  const byId = new Map();
  for (const figures of runs) {
    if (!figures) continue;
    for (const f of figures) {
      const known = byId.get(f.id);
      if (!known || (f.higherIsBetter ? f.value > known.value : f.value < known.value)) byId.set(f.id, f);
    }
  }
  return byId;
}

const afterRuns = [];
const beforeRuns = [];
for (let round = 0; round < rounds; round++) {
  // Alternate which build goes first, so neither always gets the warmer machine.
  const order = round % 2 === 0 ? ['after', 'before'] : ['before', 'after'];
  for (const which of order) {
    if (which === 'after') afterRuns.push(measure(join(root, 'out/cli')));
    else if (baseDir) beforeRuns.push(measure(baseDir));
  }
  if (round > 0 && Date.now() - started > BUDGET_MS * 0.6) break;
}

const after = best(afterRuns);
const before = best(beforeRuns);
const format = (value) => (value === undefined ? 'n/a' : value >= 100 ? Math.round(value).toLocaleString('en') : value.toFixed(2));
const head = baseRev ? `${baseRev.slice(0, 10)} (${against})` : 'n/a';
console.log(`\nsimulator, best of ${afterRuns.length} run(s) each: before = ${head}, after = the current tree${dirty ? ' (uncommitted changes)' : ''}`);
// CPU-time figures still grow with the machine's load (other processes evict the caches): say what it was.
console.log(`load average at the start ${loadAtStart}, now ${loadavg().map((l) => l.toFixed(2)).join(' ')} (${cpus().length} cores)`);
const rows = [['figure', 'unit', 'before', 'after', 'after/before', 'goal']];
for (const [id, f] of after) {
  const b = before.get(id)?.value;
  rows.push([f.label, f.unit, format(b), format(f.value), b === undefined ? 'n/a' : `${(f.value / b).toFixed(2)}×`, f.goal === undefined ? '' : `${f.higherIsBetter ? '≥' : '≤'} ${format(f.goal)}${(f.higherIsBetter ? f.value >= f.goal : f.value <= f.goal) ? ' met' : ' NOT met'}`]);
}
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) console.log(row.map((cell, c) => (c === 0 || c === 1 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));
console.log(`(${elapsed()} so far)\n`);

// Lessons: time to verify each lesson's checks (goal < 50 ms).
if (Date.now() - started > BUDGET_MS * 0.6) {
  console.log(`lesson-bench.js: skipped, the run is past ${Math.round((BUDGET_MS * 0.6) / 1000)} s of its ${BUDGET_MS / 1000} s budget`);
} else {
  const run = spawnSync(process.execPath, [join(root, 'out/cli/src-cli/bench/lesson-bench.js')], { stdio: 'inherit', timeout: BUDGET_MS - (Date.now() - started) });
  if (run.signal) console.log(`lesson-bench.js: stopped at the end of the ${BUDGET_MS / 1000} s budget`);
  else if (run.status !== 0) process.exitCode = run.status ?? 1;
}

// Grading a class: 200 results files, 10 of them hostile, graded by the current
// tree's simulator and by the previous commit's (the same files, made once by
// the current tree), wall time each. Always run: it is the classroom's figure.
{
  const run = spawnSync(process.execPath, [join(root, 'out/cli/src-cli/bench/grade-bench.js'), ...(baseDir ? ['--against', baseDir] : [])], { stdio: 'inherit' });
  if (run.status !== 0) process.exitCode = run.status ?? 1;
}
console.log(`bench: ${elapsed()} in all`);
