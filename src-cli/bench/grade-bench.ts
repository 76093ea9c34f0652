// `npm run bench`: grading time of a class. 200 results files of a
// 5-exercise pack (challenges of every level), each with a different
// transcript (looking around, then the fix, sometimes only half of it), 10 of
// them hostile (tampered, truncated, forged, flooding), are graded by replay
// as `lvs-dr-lab grade` does it (each file, then the class checks), in one
// process. The wall time is the figure (with the CPU time beside it: the
// machine may be shared). `--against DIR` grades the same files with another
// build's simulator too (scripts/bench.mjs passes the previous commit's out/cli).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import type * as GradeModule from '../../src-sim/course/challenge/grade.ts';
import { packId, type Pack } from '../../src-sim/course/challenge/pack.ts';
import { makeResultsFile, type ExerciseAttempt } from '../../src-sim/course/challenge/results-make.ts';
import type { TranscriptCommand } from '../../src-sim/course/challenge/results.ts';

const lessons = () => undefined;

const PACK: Pack = {
  format: 'lvs-dr-lab/pack@1',
  title: { en: 'Bench pack' },
  hintsAllowed: true,
  solutionsAllowed: false,
  exercises: [
    { id: 'e1', kind: 'challenge', seed: 101, level: 1 },
    { id: 'e2', kind: 'challenge', seed: 102, level: 2 },
    { id: 'e3', kind: 'challenge', seed: 103, level: 3 },
    { id: 'e4', kind: 'challenge', seed: 104, level: 4 },
    { id: 'e5', kind: 'challenge', seed: 105, level: 2, timeLimitSeconds: 900 },
  ],
};

const LOOK_AROUND = [
  { host: 'director', run: 'ipvsadm -Ln' },
  { host: 'router', run: 'arping -c 2 -I eth0 198.51.100.100' },
  { host: 'rs1', run: 'sysctl net.ipv4.conf.all.arp_ignore net.ipv4.conf.all.arp_announce' },
  { host: 'rs2', run: 'ip addr show dev lo' },
  { host: 'client', run: 'curl -s -m 2 http://198.51.100.100/' },
  { host: 'router', run: 'ip neigh' },
];

function attemptFor(learner: number, index: number): ExerciseAttempt {
  const spec = PACK.exercises[index]!;
  if (spec.kind !== 'challenge' || spec.seed === undefined) throw new Error('bench pack has seeded challenges only');
  const fixes = generateChallenge(spec.seed, spec.level).faults.flatMap((f) => f.fix);
  // Every learner looks around a little differently and some fix only part.
  const look = LOOK_AROUND.slice(0, 1 + ((learner + index) % LOOK_AROUND.length));
  const fixCount = (learner + index) % 4 === 0 ? Math.ceil(fixes.length / 2) : fixes.length;
  const transcript: TranscriptCommand[] = [];
  // A start of its own per learner: no two learners hand in the same timed transcript (the class checks would flag copies).
  let t = 2 + learner / 16;
  for (const c of look) transcript.push({ t: (t += 7 + (learner % 5)), ...c });
  for (const line of fixes.slice(0, fixCount)) {
    const [host, run] = [line.slice(0, line.indexOf('$')), line.slice(line.indexOf('$') + 2)];
    // Room for the slowest look-around command (arping -c 2 takes 2 s; curl at most 2 s).
    transcript.push({ t: (t += 9), host, run });
  }
  return { id: spec.id, transcript, submittedAt: t + 20 + learner, hintsUsed: learner % 3, solutionShown: false };
}

const LEARNERS = 200;
const HOSTILE = 10;

/**
 * The hostile files, each made from an honest one: what a learner who cheats,
 * a broken USB stick or a prankster hands in. Each must come out flagged or
 * unreadable, and none may make grading slow.
 */
function hostile(kind: number, honest: string, other: string): string {
  const file = JSON.parse(honest) as { learner: string; pack: { id: string }; exercises: Array<{ claimedScore: number; seed?: number; submittedAt: number; hintsUsed: number; transcript: Array<{ t: number; host: string; run: string }> }> };
  const first = file.exercises[0]!;
  switch (kind) {
    case 0: // an edited score
      first.claimedScore = 100;
      break;
    case 1: // an edited seed: another lab than the pack's
      first.seed = (first.seed ?? 0) + 1;
      break;
    case 2: // truncated
      return honest.slice(0, Math.floor(honest.length / 2));
    case 3: // overlapping timestamps
      first.transcript.reverse();
      break;
    case 4: // another learner's file under this learner's name
      return other.replace(/"learner":"[^"]*"/, `"learner":${JSON.stringify(file.learner)}`);
    case 5: // not JSON at all, a megabyte of it
      return 'A'.repeat(1024 * 1024);
    case 6: // another pack's results
      file.pack.id = 'f'.repeat(64);
      break;
    case 7: // the most commands a file may hold, each a little loop
      first.transcript = Array.from({ length: 5000 }, (_, i) => ({ t: 2 + i, host: 'client', run: 'for i in $(seq 50); do echo $i; done' }));
      first.submittedAt = 5010;
      break;
    case 8: // every timestamp 0 and the hints erased
      for (const e of file.exercises) {
        for (const c of e.transcript) c.t = 0;
        e.submittedAt = 0;
        e.hintsUsed = 0;
      }
      break;
    default: // one command that would run for hours
      first.transcript.push({ t: first.submittedAt - 1, host: 'client', run: 'for i in $(seq 100000000); do echo $i; done' });
  }
  return JSON.stringify(file);
}

export interface GradeFigures {
  gradeSeconds: number;
  cpuSeconds: number;
  /** The slowest file and its wall time. */
  slowest: { file: string; seconds: number };
  /** Hostile files that came out flagged or unreadable (all of them should). */
  hostileCaught: number;
  /** Honest files flagged (should be 0). */
  honestFlagged: number;
}

const id = packId(PACK);
const makeStart = performance.now();
const honest: string[] = [];
for (let learner = 0; learner < LEARNERS; learner++) {
  const attempts = PACK.exercises.map((_, i) => attemptFor(learner, i));
  honest.push(JSON.stringify(makeResultsFile(PACK, id, `learner ${learner}`, attempts, lessons)));
}
const EVERY = LEARNERS / HOSTILE;
const isHostile = (i: number): boolean => i % EVERY === 7;
const files = honest.map((text, i) => (isHostile(i) ? hostile(Math.floor(i / EVERY), text, honest[i - 1]!) : text));
const makeMs = performance.now() - makeStart;

/** Grades the class with the simulator of the build whose out/cli is `simDir`. */
async function measureGrading(simDir: string): Promise<GradeFigures> {
  const grade = (await import(pathToFileURL(join(simDir, 'src-sim/course/challenge/grade.js')).href)) as typeof GradeModule;
  const cpu = process.cpuUsage();
  const start = performance.now();
  let slowest = { file: '', seconds: 0 };
  const graded = files.map((text, i) => {
    const fileStart = performance.now();
    const row = grade.gradeResults(PACK, id, `r${i}.json`, text, { lessons });
    const seconds = (performance.now() - fileStart) / 1000;
    if (seconds > slowest.seconds) slowest = { file: `r${i}.json${isHostile(i) ? ' (hostile)' : ''}`, seconds };
    return row;
  });
  const rows = grade.crossCheckRows(graded);
  const used = process.cpuUsage(cpu);
  return {
    gradeSeconds: (performance.now() - start) / 1000,
    cpuSeconds: (used.user + used.system) / 1e6,
    slowest,
    hostileCaught: rows.filter((r, i) => isHostile(i) && r.status !== 'confirmed').length,
    honestFlagged: rows.filter((r, i) => !isHostile(i) && r.status !== 'confirmed').length,
  };
}

const args = process.argv.slice(2);
const at = args.indexOf('--against');
const against = at >= 0 ? args[at + 1] : undefined;
const after = await measureGrading(fileURLToPath(new URL('../../', import.meta.url)));
let before: GradeFigures | null = null;
if (against) {
  try {
    before = await measureGrading(against);
  } catch (error) {
    console.log(`grade-bench: the build in ${against} cannot grade (${(error as Error).message})`);
  }
}
let commands = 0;
for (const text of honest) for (const e of (JSON.parse(text) as { exercises: Array<{ transcript: unknown[] }> }).exercises) commands += e.transcript.length;
const line = (f: GradeFigures): string => `${f.gradeSeconds.toFixed(2)} s wall, ${f.cpuSeconds.toFixed(2)} s CPU; slowest ${f.slowest.file} ${f.slowest.seconds.toFixed(2)} s; hostile caught ${f.hostileCaught} of ${HOSTILE}, honest flagged ${f.honestFlagged}`;
console.log('\n== Grading a class by replay ==');
console.log(`results files:  ${LEARNERS} × 5 exercises, ${HOSTILE} of them hostile (${commands} honest commands); written in ${(makeMs / 1000).toFixed(2)} s`);
if (before) console.log(`before:         ${line(before)}`);
console.log(`after:          ${line(after)}`);
if (before) console.log(`after/before:   ${(after.gradeSeconds / before.gradeSeconds).toFixed(2)}× wall time`);
