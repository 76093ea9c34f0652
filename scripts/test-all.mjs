// `npm test`: every test the project has, in one run: lint, typecheck, the
// Electron security scan, unit tests, the kernel conformance suite and the
// end-to-end tests. Each step says what it skipped and why; under CI=true a
// missing prerequisite fails the step.
import { execFileSync, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

// A fresh random conformance batch per commit (conformance/generate-random.ts):
// the seed is the commit hash's first 8 hex digits, printed so that a failure
// is rerun with `lvs-dr-lab conformance --random N --seed S`. Its size keeps
// the whole CI run well under its limit (LDL_RANDOM_COUNT overrides it).
const RANDOM_BATCH = Number(process.env.LDL_RANDOM_COUNT ?? 16);

// The fuzzer (scripts/fuzz.mjs): ~2-5 min on one core of the CI machine.
const FUZZ_RUNS = 100_000;
const FUZZ_SEED = 11;

function randomSeed() {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return { seed: parseInt(head.slice(0, 8), 16), from: `commit ${head.slice(0, 12)}` };
  } catch {
    const day = Math.floor(Date.now() / 86_400_000);
    return { seed: day, from: `day ${day} since 1970 (no git commit here)` };
  }
}

const random = randomSeed();

const STEPS = [
  { name: 'lint', cmd: npm, args: ['run', '--silent', 'lint'] },
  { name: 'typecheck', cmd: npm, args: ['run', '--silent', 'check'] },
  { name: 'security', cmd: process.execPath, args: ['scripts/electronegativity.mjs'] },
  { name: 'build', cmd: npm, args: ['run', '--silent', 'build:cli'] },
  { name: 'unit', cmd: npm, args: ['run', '--silent', 'test:unit'], count: /Tests\s+(?:(\d+) failed \| )?(\d+) passed/ },
  // Issue 16: 10^5 generated scripts and keepalived.conf files, a fixed seed (a failure prints `--seed S --path P` to rerun it),
  // run by the build above (the sources through Vite's module runner would add ~150 MB to the peak memory it checks).
  { name: `fuzz (${FUZZ_RUNS} scripts and keepalived.conf files, seed ${FUZZ_SEED})`, cmd: process.execPath, args: ['scripts/fuzz.mjs', '--runs', String(FUZZ_RUNS), '--seed', String(FUZZ_SEED), '--sim', 'out/cli'] },
  { name: 'kernel conformance', cmd: process.execPath, args: ['bin/lvs-dr-lab.js', 'conformance'], count: /^(\d+) passed, (\d+) failed/m, order: 'pf' },
  {
    name: `kernel random batch (seed ${random.seed} from ${random.from})`,
    cmd: process.execPath,
    args: ['bin/lvs-dr-lab.js', 'conformance', '--random', String(RANDOM_BATCH), '--seed', String(random.seed), '--jobs', '2'],
    count: /^(\d+) passed, (\d+) failed/m,
    order: 'pf',
  },
  { name: 'e2e', cmd: npm, args: ['run', '--silent', 'test:e2e'], count: /(\d+) passed/, failed: /(\d+) failed/ },
];

function run(step) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(step.cmd, step.args, { cwd: root, env: process.env });
    child.stdout.on('data', (d) => {
      output += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      output += d;
      process.stderr.write(d);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

let passed = 0;
let failed = 0;
const summary = [];
for (const step of STEPS) {
  process.stdout.write(`\n=== ${step.name} ===\n`);
  const { code, output } = await run(step);
  if (step.count) {
    // eslint-disable-next-line no-control-regex
    const clean = output.replace(/\x1b\[[0-9;]*m/g, '');
    const m = step.count.exec(clean);
    if (m) {
      if (step.order === 'pf') {
        passed += Number(m[1]);
        failed += Number(m[2]);
      } else {
        passed += Number(m[2] ?? m[1]);
        failed += Number(m[2] !== undefined && m[1] !== undefined ? m[1] : 0);
      }
    }
    const f = step.failed?.exec(clean);
    if (f) failed += Number(f[1]);
  }
  if (code !== 0 && !step.count) failed += 1;
  if (code !== 0 && step.count && failed === 0) failed += 1;
  summary.push(`${code === 0 ? 'ok  ' : 'FAIL'} ${step.name}`);
}
process.stdout.write(`\n=== summary ===\n${summary.join('\n')}\n`);
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(summary.some((s) => s.startsWith('FAIL')) ? 1 : 0);
