// `npm run bench`: grading time. 100 results files of a 5-exercise pack
// (challenges of every level), each with a different transcript (looking
// around, then the fix, sometimes only half of it), are graded by replay as
// `lvs-dr-lab grade` does it. Goal: under 10 s on one core. Figures only.
import { performance } from 'node:perf_hooks';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import { gradeResults } from '../../src-sim/course/challenge/grade.ts';
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
  let t = 2;
  for (const c of look) transcript.push({ t: (t += 7 + (learner % 5)), ...c });
  for (const line of fixes.slice(0, fixCount)) {
    const [host, run] = [line.slice(0, line.indexOf('$')), line.slice(line.indexOf('$') + 2)];
    // Room for the slowest look-around command (arping -c 2 takes 2 s; curl at most 2 s).
    transcript.push({ t: (t += 9), host, run });
  }
  return { id: spec.id, transcript, submittedAt: t + 20 + learner, hintsUsed: learner % 3, solutionShown: false };
}

const id = packId(PACK);
const files: string[] = [];
const makeStart = performance.now();
for (let learner = 0; learner < 100; learner++) {
  const attempts = PACK.exercises.map((_, i) => attemptFor(learner, i));
  files.push(JSON.stringify(makeResultsFile(PACK, id, `learner ${learner}`, attempts, lessons)));
}
const makeMs = performance.now() - makeStart;

const gradeStart = performance.now();
let flagged = 0;
let commands = 0;
for (const [i, text] of files.entries()) {
  const row = gradeResults(PACK, id, `r${i}.json`, text, { lessons });
  if (row.status !== 'confirmed') flagged++;
}
for (const text of files) for (const e of (JSON.parse(text) as { exercises: Array<{ transcript: unknown[] }> }).exercises) commands += e.transcript.length;
const gradeMs = performance.now() - gradeStart;

console.log('\n== Grading by replay ==');
console.log(`results files:              100 × 5 exercises (${commands} commands replayed)`);
console.log(`writing them (app's replay): ${(makeMs / 1000).toFixed(2)} s`);
console.log(`grading them:               ${(gradeMs / 1000).toFixed(2)} s (goal < 10 s), ${(gradeMs / 500).toFixed(1)} ms per exercise`);
console.log(`flagged:                    ${flagged} (expected 0: every claim is the app's own replay)`);
