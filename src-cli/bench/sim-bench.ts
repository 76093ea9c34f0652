// `npm run bench`: figures, not assertions, for the simulator of one build.
//
//   node out/cli/src-cli/bench/sim-bench.js [--sim DIR] [--json]
//
// DIR is the out/cli directory of the build to measure (default: this one).
// Times are CPU time of the process (see cpuMs).
// scripts/bench.mjs runs this file of the current tree against the current
// build and the previous commit's, so both run the same workload; a figure
// whose code the other build lacks (a renamed module, a changed call) is
// reported as missing rather than failing the run.
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import type * as LabModule from '../../src-sim/lab.ts';
import type * as TextbookModule from '../../src-sim/scenario/textbook.ts';
import type * as GradeModule from '../../src-sim/course/challenge/grade.ts';
import { examExercises, makeLearnerExam, unlockExam, variantChallenge } from '../../src-sim/course/challenge/exam.ts';
import { PACK_FORMAT, packId, type ExamKeys, type Pack } from '../../src-sim/course/challenge/pack.ts';
import { makeExamResultsFile } from '../../src-sim/course/challenge/results-make.ts';
import { stepsFromLines } from '../../src-sim/course/lessons/commands-file.ts';
import type * as KeepalivedModule from '../../src-sim/keepalived/daemon.ts';


/** The sender-IP reason of the benchmark's requests: a message, never shown (the benchmark records no explanations). */
const BENCH_REASON = { key: 'why.arping', params: {} } as const;
type Lab = LabModule.Lab;

/**
 * Milliseconds of CPU time this process has used. Rates are per second of
 * CPU, not of wall time: the machine the bench runs on may be shared, and a
 * process waiting for a core is not slower code.
 */
function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}
interface Simulator {
  Lab: typeof LabModule.Lab;
  /** The textbook lab with three real servers, and its VIP (builds before textbook.ts had standard-lab.ts). */
  standard: { lab(trace: boolean): { run(host: string, line: string): unknown }; vip: string } | null;
  /** The two-director textbook lab with keepalived.conf written on both directors (builds before issue 13 have neither). */
  failover: { lab(): Lab; keepalivedOf: typeof KeepalivedModule.keepalivedOf } | null;
}

export interface Figure {
  id: string;
  label: string;
  unit: string;
  value: number;
  /** Whether a larger value is better (rates) or worse (memory). */
  higherIsBetter: boolean;
  /** The goal for this figure, if any. */
  goal?: number;
}

const HOSTS = 50;
const ip = (i: number): number => (((198 << 24) >>> 0) + (51 << 16) + (100 << 8) + i + 1) >>> 0;
const mac = (i: number): string => `02:00:00:00:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`;

function broadcastLab(sim: Simulator, hostCount: number, trace: boolean): Lab {
  const lab = new sim.Lab({ seed: 1, trace });
  for (let i = 0; i < hostCount; i++) {
    const host = lab.addHost(`h${i}`);
    const dev = host.addDevice('eth0', mac(i), lab.segment('lan'));
    host.addAddress(dev, { local: ip(i), prefixLen: 24, label: 'eth0', scope: 'global', broadcast: null });
  }
  return lab;
}

/** Frames put on the segments so far (builds before bounded frame logs have only `frames`). */
function framesSent(lab: Lab): number {
  return (lab as { framesRecorded?: number }).framesRecorded ?? lab.frames.length;
}

/**
 * Every host ARPs every other host once with `arping -c 1`: a broadcast
 * request seen by 49 hosts and a unicast reply, 2 450 times over. Frames sent
 * counts each frame put on the segment (built, recorded, flooded); the time
 * includes running each arping command line.
 */
function benchArping(sim: Simulator, trace: boolean): number {
  const lab = broadcastLab(sim, HOSTS, trace);
  const start = cpuMs();
  for (let i = 0; i < HOSTS; i++) {
    for (let j = 0; j < HOSTS; j++) if (i !== j) lab.run(`h${i}`, `arping -c 1 -I eth0 198.51.100.${j + 1}`);
  }
  return framesSent(lab) / ((cpuMs() - start) / 1000);
}

/**
 * The same ARP traffic without the command: each host puts the request on
 * the wire itself (host.sendArp, as arping's packet socket does) and the
 * queue runs 1 ms. The first pass creates a neighbour entry on every target;
 * the second finds them all there. Returns frames sent/s of both passes.
 */
function benchSendArp(sim: Simulator): [number, number] {
  const lab = broadcastLab(sim, HOSTS, false);
  const pass = (): number => {
    const before = framesSent(lab);
    const start = cpuMs();
    for (let i = 0; i < HOSTS; i++) {
      const host = lab.host(`h${i}`);
      const dev = host.device('eth0')!;
      for (let j = 0; j < HOSTS; j++) {
        if (i === j) continue;
        host.sendArp(dev, 1, ip(i), 'ff:ff:ff:ff:ff:ff', 'ff:ff:ff:ff:ff:ff', ip(j), BENCH_REASON);
        lab.queue.runUntil(lab.queue.now + 1000);
      }
    }
    return (framesSent(lab) - before) / ((cpuMs() - start) / 1000);
  };
  return [pass(), pass()];
}

/** Virtual seconds per wall second: pings and arpings with their timers between four hosts. */
function benchVirtualTime(sim: Simulator): number {
  const lab = broadcastLab(sim, 4, true);
  const start = cpuMs();
  lab.run('h0', 'ping -c 10 198.51.100.3');
  lab.run('h3', 'arping -c 3 -I eth0 198.51.100.2');
  return lab.now / ((cpuMs() - start) / 1000);
}

/** Heap per neighbour entry: 5 000 STALE entries on one host, after a full GC. */
function benchNeighbourMemory(sim: Simulator): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const count = 5000;
  const lab = broadcastLab(sim, 1, false);
  const host = lab.host('h0');
  const dev = host.device('eth0')!;
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < count; i++) {
    const entry = host.neigh.create((((203 << 24) >>> 0) + i + 1) >>> 0, dev);
    host.neigh.update(entry, mac(i), 'STALE', { override: true, admin: true }, 'admin');
  }
  gc();
  const after = process.memoryUsage().heapUsed;
  if (host.neigh.size !== count) throw new Error('entries missing');
  return (after - before) / count / 1024;
}

/**
 * HTTP through the director: the standard DR lab (client, router, director,
 * 3 real servers, rr). `ab -c 10` keeps ten connections in flight; the curl
 * loop is the learner's `for` loop, one connection at a time.
 */
function benchHttp(sim: Simulator, requests: number): [number, number, number] {
  const standard = sim.standard;
  if (!standard) throw new Error('no standard lab in this build');
  const rate = (trace: boolean, line: string, n: number): number => {
    const lab = standard.lab(trace);
    const start = cpuMs();
    lab.run('client', line);
    return n / ((cpuMs() - start) / 1000);
  };
  const loop = Math.min(requests, 500);
  return [
    rate(false, `ab -q -n ${requests} -c 10 http://${standard.vip}/`, requests),
    rate(false, `for i in $(seq ${loop}); do curl -s -o /dev/null ${standard.vip}; done`, loop),
    rate(true, `ab -q -n ${loop} -c 10 http://${standard.vip}/`, loop),
  ];
}

/** The class of the brief's slow grading: an exam of three challenges (levels 1 to 3), each learner their own variant. */
const CLASS_SIZE = 200;
const CLASS_SAMPLE = 12;

interface ClassSample {
  pack: Pack;
  id: string;
  files: string[];
}

/**
 * `CLASS_SAMPLE` learners' results of the exam, written by this tree (the
 * app's replay): each looks around, then types their own variant's fixes.
 * Made once and graded by each build, so both grade the same files.
 */
function classSample(): ClassSample {
  const learners = Array.from({ length: CLASS_SAMPLE }, (_, i) => `learner-${i}`);
  const pack: Pack & { exam: ExamKeys } = {
    format: PACK_FORMAT,
    title: { en: 'Bench exam' },
    hintsAllowed: false,
    solutionsAllowed: false,
    exercises: [1, 2, 3].map((level) => ({ id: `ticket-${level}`, kind: 'challenge' as const, level: level as 1 | 2 | 3 })),
    exam: { secret: '5e'.repeat(32), learners },
  };
  const id = packId(pack);
  const { exam, codes } = makeLearnerExam(pack, id);
  const files = learners.map((learner, n) => {
    const attempts = examExercises(pack).map((e) => {
      const fixes = stepsFromLines(variantChallenge(pack.exam, learner, e).faults.flatMap((f) => f.fix));
      const transcript = [
        { t: 5 + n, host: 'router', run: 'arping -c 2 -I eth0 198.51.100.100' },
        { t: 9 + n, host: 'director', run: 'ipvsadm -Ln' },
        ...fixes.flatMap((s, i) => ('run' in s ? [{ t: 20 + n + i * 5, host: s.host, run: s.run }] : [])),
      ];
      return { id: e.id, transcript, submittedAt: transcript[transcript.length - 1]!.t + 30, hintsUsed: 0, solutionShown: false };
    });
    const labs = unlockExam(exam, learner, codes.find((c) => c.learner === learner)!.code)!;
    return JSON.stringify(makeExamResultsFile(exam, labs, learner, attempts));
  });
  return { pack, id, files };
}

/**
 * The sample, made in a process of its own: making it replays every file, which would leave
 * this tree's grading caches warm, and the current build (these same modules) would grade
 * faster than the previous one for that reason alone.
 */
function classSampleFromChild(): ClassSample {
  const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--class-sample'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) throw new Error('the class sample could not be made');
  return JSON.parse(run.stdout) as ClassSample;
}

/**
 * CPU seconds to grade the class of `CLASS_SIZE` learners on one core, from the sample
 * (grading is per file: the time is linear in the class). Every file must be confirmed.
 */
function benchGradeClass(grade: typeof GradeModule, sample: ClassSample): number {
  const start = cpuMs();
  for (const [i, text] of sample.files.entries()) {
    const row = grade.gradeResults(sample.pack, sample.id, `r${i}.json`, text, { lessons: () => undefined });
    if (row.status !== 'confirmed') throw new Error(`r${i}.json: ${row.flags.join('; ')}`);
  }
  return ((cpuMs() - start) / 1000) * (CLASS_SIZE / sample.files.length);
}

/** One simulated failover: virtual seconds from the cable pull to the backup's MASTER, and the CPU and wall milliseconds it took. */
interface FailoverRun {
  virtual: number;
  cpu: number;
  wall: number;
}

/**
 * A director failover with keepalived, on the textbook lab's two-director
 * keepalived option (its keepalived.conf: the VRRP instance and the virtual
 * server with TCP_CHECKs, so the checkers run too): director (priority 150)
 * is MASTER, director2 (100) BACKUP; the master's cable is pulled (`ip link set eth0
 * down`: no priority-0 advert), then the lab runs until director2 is MASTER
 * (3 × advert_int + skew, 3.61 s after the last advert it heard). The clock
 * steps in 10 ms slices, as a learner's `sleep` or the app's clock would.
 */
function benchFailover(sim: Simulator): FailoverRun {
  const failover = sim.failover;
  if (!failover) throw new Error('no keepalived in this build');
  const lab = failover.lab();
  lab.run('director', 'systemctl start keepalived');
  lab.run('director2', 'systemctl start keepalived');
  lab.sleep(6);
  const backup = failover.keepalivedOf(lab.host('director2'));
  const wallStart = performance.now();
  const start = cpuMs();
  const stoppedAt = lab.now;
  lab.run('director', 'ip link set eth0 down');
  // Step the clock in 10 ms slices until the backup's instance is MASTER (at most 10 virtual s).
  while (backup.instances[0]?.state !== 'MASTER' && lab.now - stoppedAt < 10) lab.sleep(0.01);
  const cpu = cpuMs() - start;
  const wall = performance.now() - wallStart;
  if (backup.instances[0]?.state !== 'MASTER') throw new Error('no failover');
  return { virtual: lab.now - stoppedAt, cpu, wall };
}

/**
 * FAILOVER_RUNS failovers after two untimed ones: one run is about a
 * millisecond, and on a shared 2-core machine the same run takes 0.5 to 10 ms
 * of CPU (another process's work evicts the caches), so the median of many
 * says more than any single run; the fastest is reported beside it.
 */
const FAILOVER_RUNS = 15;

function failoverFigures(sim: Simulator): { virtual: number; cpuMedian: number; cpuBest: number; wallMedian: number } {
  benchFailover(sim);
  benchFailover(sim);
  const runs = Array.from({ length: FAILOVER_RUNS }, () => benchFailover(sim));
  const median = (values: number[]): number => values.sort((a, b) => a - b)[values.length >> 1]!;
  return {
    virtual: runs[0]!.virtual,
    cpuMedian: median(runs.map((r) => r.cpu)),
    cpuBest: Math.min(...runs.map((r) => r.cpu)),
    wallMedian: median(runs.map((r) => r.wall)),
  };
}

/**
 * The best of `n` runs: the short benchmarks are still being optimised by
 * the JIT after one warm-up pass, and a shared machine only ever slows a run.
 */
function bestOf(n: number, run: () => number): number {
  let best = -Infinity;
  for (let i = 0; i < n; i++) best = Math.max(best, run());
  return best;
}

async function importOptional<T>(url: URL): Promise<T | null> {
  try {
    return (await import(url.href)) as T;
  } catch {
    return null;
  }
}

async function standardLabOf(base: URL): Promise<Simulator['standard']> {
  const textbook = await importOptional<Partial<typeof TextbookModule>>(new URL('src-sim/scenario/textbook.js', base));
  if (textbook?.textbookLab && textbook.TEXTBOOK_VIP) {
    const build = textbook.textbookLab;
    return { lab: (trace) => build({ realServers: 3, trace }), vip: textbook.TEXTBOOK_VIP };
  }
  type Legacy = { standardLab(options: { trace: boolean }): { run(host: string, line: string): unknown }; STANDARD_VIP: string };
  const legacy = await importOptional<Legacy>(new URL('src-sim/ipvs/standard-lab.js', base));
  return legacy ? { lab: (trace) => legacy.standardLab({ trace }), vip: legacy.STANDARD_VIP } : null;
}

async function failoverLabOf(base: URL): Promise<Simulator['failover']> {
  const textbook = await importOptional<Partial<typeof TextbookModule>>(new URL('src-sim/scenario/textbook.js', base));
  const keepalived = await importOptional<Partial<typeof KeepalivedModule>>(new URL('src-sim/keepalived/daemon.js', base));
  // systemctl knows keepalived.service once its command module is loaded.
  const command = await importOptional<object>(new URL('src-sim/shell/commands/keepalived.js', base));
  // Builds before the textbook lab's keepalived option (textbookKeepalivedConf) have no configuration to start.
  if (!textbook?.textbookLab || !textbook.textbookKeepalivedConf || !keepalived?.keepalivedOf || !command) return null;
  const build = textbook.textbookLab;
  return { lab: () => build({ realServers: 2, directors: 2, keepalived: true, trace: false }), keepalivedOf: keepalived.keepalivedOf };
}

export async function measure(simDir: string): Promise<Figure[]> {
  const base = pathToFileURL(join(simDir, '/'));
  const lab = (await import(new URL('src-sim/lab.js', base).href)) as typeof LabModule;
  const sim: Simulator = { Lab: lab.Lab, standard: await standardLabOf(base), failover: await failoverLabOf(base) };
  const figures: Figure[] = [];
  const add = (id: string, label: string, unit: string, higherIsBetter: boolean, run: () => number, goal?: number): void => {
    try {
      figures.push({ id, label, unit, value: run(), higherIsBetter, goal });
    } catch (error) {
      console.error(`${id}: ${(error as Error).message}`);
    }
  };
  // One untimed pass first, so the figures are of JIT-compiled code.
  try {
    benchArping(sim, false);
    benchSendArp(sim);
    benchHttp(sim, 500);
  } catch {
    // the timed run reports what fails
  }
  add('arping', 'broadcast lab, 50 hosts, arping -c 1 each to each', 'frames sent/s', true, () => bestOf(3, () => benchArping(sim, false)), 200_000);
  const [fresh, known] = ((): [number, number] => {
    try {
      const runs = [benchSendArp(sim), benchSendArp(sim)];
      return [Math.max(runs[0]![0], runs[1]![0]), Math.max(runs[0]![1], runs[1]![1])];
    } catch {
      return [NaN, NaN];
    }
  })();
  add('sendarp-new', '  same ARP traffic without arping, new entries', 'frames sent/s', true, () => fresh);
  add('sendarp-known', '  same ARP traffic without arping, entries there', 'frames sent/s', true, () => known);
  add('arping-trace', 'broadcast lab with explanations on', 'frames sent/s', true, () => bestOf(2, () => benchArping(sim, true)));
  add('virtual-time', 'virtual time per wall time (pings, arpings)', '×', true, () => bestOf(3, () => benchVirtualTime(sim)));
  const http = ((): [number, number, number] | null => {
    try {
      return benchHttp(sim, 3000);
    } catch {
      return null;
    }
  })();
  if (http) {
    add('http-ab', 'HTTP through the DR director, ab -n 3000 -c 10', 'requests/s', true, () => http[0]);
    add('http-curl', 'HTTP, a for loop of 500 curls', 'requests/s', true, () => http[1]);
    add('http-ab-trace', 'HTTP, ab -n 500 -c 10 with explanations on', 'requests/s', true, () => http[2]);
  }
  const failover = ((): ReturnType<typeof failoverFigures> | null => {
    try {
      return failoverFigures(sim);
    } catch (error) {
      console.error(`failover: ${(error as Error).message}`);
      return null;
    }
  })();
  if (failover) {
    const { virtual, cpuMedian, cpuBest, wallMedian } = failover;
    add('failover-virtual', 'keepalived failover (master\'s link down): virtual time to the backup\'s MASTER', 's', false, () => virtual);
    add('failover-cpu', `  CPU time to simulate that failover, median of ${FAILOVER_RUNS}`, 'ms', false, () => cpuMedian);
    add('failover-wall', `  wall time to simulate it, median of ${FAILOVER_RUNS}`, 'ms', false, () => wallMedian);
    add('failover-speed', '  virtual time per CPU time, median run', '×', true, () => virtual / (cpuMedian / 1000), 1000);
    add('failover-speed-wall', '  virtual time per wall time, median run', '×', true, () => virtual / (wallMedian / 1000), 1000);
    add('failover-speed-best', '  virtual time per CPU time, fastest run', '×', true, () => virtual / (cpuBest / 1000));
  }
  add('neigh-memory', 'memory per neighbour entry', 'KiB', false, () => benchNeighbourMemory(sim), 1);
  const grade = await importOptional<typeof GradeModule>(new URL('src-sim/course/challenge/grade.js', base));
  if (grade) {
    const sample = classSampleFromChild();
    add('grade-class', `grading an exam, ${CLASS_SIZE} learners × 3 challenges (from ${CLASS_SAMPLE}), one core`, 'CPU s', false, () => benchGradeClass(grade, sample));
  }
  return figures.filter((f) => Number.isFinite(f.value));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  if (args.includes('--class-sample')) {
    process.stdout.write(JSON.stringify(classSample()));
    process.exit(0);
  }
  const at = args.indexOf('--sim');
  const simDir = at >= 0 ? args[at + 1]! : fileURLToPath(new URL('../../', import.meta.url));
  const figures = await measure(simDir);
  if (args.includes('--json')) console.log(JSON.stringify(figures));
  else for (const f of figures) console.log(`${f.label}: ${f.value.toLocaleString('en', { maximumFractionDigits: 2 })} ${f.unit}`);
}
