// `npm run fuzz -- [--runs N] [--seed S] [--path P] [--sim DIR] [--stop-after SECONDS] [--json]`:
// fuzzes the lab from a learner's side outside vitest, for as long as asked
// (issue 16: 10^5 inputs in CI, 10^6 in the long mode). The inputs are
// scripts and keepalived.conf files from the one generator the unit test
// uses (src-sim/shell/fuzz-support.ts), run by src-sim/fuzz-target.ts.
//
// Prints the inputs tried, the rate, the crashes, the runs past the budget
// (an input that took more than --limit-ms of CPU time: the line's budget
// failed to stop it; CPU, not wall time, so a loaded machine is not a
// failure) and the peak memory; exits 1 on any crash or overrun or a peak
// of 500 MB or more, naming each failing input by seed and path (`--seed S
// --path P` runs that input alone). --stop-after ends a long run early, at
// that many seconds of wall time, and still prints its figures.
//
// --sim DIR runs the target of a compiled build (an out/cli directory)
// instead of this tree's sources: `npm run bench` compares builds that way,
// on the same inputs, and `npm test` runs its build. Without it the sources
// are loaded with Vite's module runner (the TypeScript vitest runs), so no
// build is needed, but the runner keeps ~150 MB of native memory more
// (peak RSS ~290 MB against ~170 MB for the same inputs on out/cli).
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { runnerImport } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  return at >= 0 && args[at + 1] !== undefined ? args[at + 1] : fallback;
};
const runs = Number(option('--runs', '100000'));
const seed = Number(option('--seed', '11'));
const path = option('--path', undefined);
const sim = option('--sim', undefined);
const limitMs = Number(option('--limit-ms', '2000'));
const json = args.includes('--json');
const stopAfter = option('--stop-after', undefined);
/** Issue 16: peak memory under 500 MB. */
const PEAK_LIMIT_MB = 500;
/** Failing inputs printed in full; the rest are counted. */
const SHOWN = 10;

const source = async (file) => (await runnerImport(join(root, file), { configFile: false, logLevel: 'error' })).module;
const [{ fuzzInputArb }, { FuzzTarget }] = await Promise.all([
  source('src-sim/shell/fuzz-support.ts'),
  sim ? import(pathToFileURL(join(resolve(sim), 'src-sim/fuzz-target.js')).href) : source('src-sim/fuzz-target.ts'),
]);

const mb = (bytes) => bytes / 1024 / 1024;
/** What loading took (Vite's module runner keeps ~200 MB of native memory), before any input ran. */
const rssLoadedMb = mb(process.memoryUsage.rss());
const target = new FuzzTarget();
const failures = [];
let tried = 0;
let crashes = 0;
let overruns = 0;
let slowestMs = 0;
let slowestWallMs = 0;
let peakHeapMb = 0;
const started = performance.now();
const cpuStarted = process.cpuUsage();
let reported = started;

fc.check(
  fc.property(fuzzInputArb, (input) => {
    const index = tried++;
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const crash = target.run(input);
    const cpuUsed = process.cpuUsage(cpu0);
    const ms = (cpuUsed.user + cpuUsed.system) / 1000;
    slowestMs = Math.max(slowestMs, ms);
    slowestWallMs = Math.max(slowestWallMs, performance.now() - t0);
    const problems = [];
    if (crash) problems.push((crashes++, `crash: ${crash}`));
    if (ms > limitMs) problems.push((overruns++, `ran ${Math.round(ms)} ms of CPU, past the ${limitMs} ms limit`));
    if (problems.length > 0 && failures.length < SHOWN) failures.push({ path: path === undefined ? String(index) : path, problems, input });
    if (tried % 1000 === 0) {
      peakHeapMb = Math.max(peakHeapMb, mb(process.memoryUsage().heapUsed));
      // The long mode says how far it got once a minute.
      if (!json && performance.now() - reported > 60_000) {
        reported = performance.now();
        console.error(`fuzz: ${tried.toLocaleString('en')} inputs, ${crashes} crashes, ${overruns} past the limit, ${Math.round((reported - started) / 1000)} s, RSS ${mb(process.memoryUsage.rss()).toFixed(0)} MB`);
      }
    }
    return true;
  }),
  { seed, numRuns: path === undefined ? runs : 1, ...(path === undefined ? {} : { path }), ...(stopAfter === undefined ? {} : { interruptAfterTimeLimit: Number(stopAfter) * 1000 }) },
);
const stoppedEarly = path === undefined && tried < runs;
peakHeapMb = Math.max(peakHeapMb, mb(process.memoryUsage().heapUsed));

const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
/** Inputs per second of CPU time, as `npm run bench` compares builds (the machine may be shared). */
const cpuRate = tried / ((cpu.user + cpu.system) / 1e6);
const peakMb = process.resourceUsage().maxRSS / 1024;
const figures = { tried, stoppedEarly, seconds, rate: tried / seconds, cpuRate, crashes, overruns, slowestMs, slowestWallMs, peakRssMb: peakMb, rssLoadedMb, peakHeapMb, seed, sim: sim ?? 'sources' };
const failed = crashes > 0 || overruns > 0 || peakMb >= PEAK_LIMIT_MB;
if (json) console.log(JSON.stringify(figures));
else {
  console.log(`fuzz (seed ${seed}${path === undefined ? '' : `, path ${path}`}, ${sim ? `build ${sim}` : 'this tree'}): ${tried.toLocaleString('en')} inputs${stoppedEarly ? ` (of ${runs.toLocaleString('en')}: stopped after ${stopAfter} s)` : ''} in ${seconds.toFixed(1)} s, ${Math.round(figures.rate).toLocaleString('en')} inputs/s (${Math.round(cpuRate).toLocaleString('en')} per CPU second)`);
  console.log(`  crashes: ${crashes}; past the ${limitMs} ms CPU limit: ${overruns} (slowest ${Math.round(slowestMs)} ms of CPU, ${Math.round(slowestWallMs)} ms of wall time); peak RSS ${peakMb.toFixed(0)} MB (limit ${PEAK_LIMIT_MB} MB; ${rssLoadedMb.toFixed(0)} MB once loaded, before any input), peak JavaScript heap ${peakHeapMb.toFixed(0)} MB`);
  for (const f of failures) console.log(`\nFAILED --seed ${seed} --path ${f.path}: ${f.problems.join('; ')}\n${JSON.stringify(f.input)}`);
  if (crashes + overruns > failures.length) console.log(`\n(${crashes + overruns - failures.length} more not shown)`);
}
process.exit(failed ? 1 : 0);
