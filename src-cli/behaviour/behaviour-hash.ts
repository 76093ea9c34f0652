// Behaviour hashes: one SHA-256 per scenario, lesson, challenge and pack
// exercise over everything the simulator did (command outputs, frames with
// every field, trace events, neighbour and IPVS tables, the clock). A pure
// refactor leaves every hash as it was; `npm run hash -- --check` (and the
// unit test next to this file) name the items that changed. Only a deliberate
// fidelity fix may change them, and then `npm run hash -- --update` records
// the new baseline in conformance/behaviour-hashes.json.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandResult } from '../../src-sim/api.ts';
import { renderParam } from '../../src-sim/i18n/catalogue.ts';
import type { TraceParams } from '../../src-sim/i18n/trace.ts';
import { generateChallenge } from '../../src-sim/course/challenge/generate.ts';
import { playExercise, type ExerciseSpec } from '../../src-sim/course/challenge/exercise.ts';
import type { Level } from '../../src-sim/course/challenge/levels.ts';
import { assessChallenge, bootChallenge } from '../../src-sim/course/challenge/play.ts';
import type { TranscriptCommand } from '../../src-sim/course/challenge/results.ts';
import { forkLab, type Lab } from '../../src-sim/lab.ts';
import { findLesson, loadCurriculum } from '../../src-sim/course/lessons/curriculum/index.ts';
import { stepsFromLines } from '../../src-sim/course/lessons/commands-file.ts';
import { applySteps } from '../../src-sim/step.ts';
import { checkLesson, startLessonLab } from '../../src-sim/course/lessons/lesson-run.ts';
import { runScenarioWithLab } from '../../src-sim/scenario/run.ts';
import { sessionScenario } from '../../src-sim/scenario/from-journal.ts';
import { parseScenarioText } from '../../src-sim/schema/scenario.ts';

/** Challenges hashed: every level of a few seeds (42 is the README's example). */
export const HASHED_CHALLENGES: ReadonlyArray<readonly [number, Level]> = [1, 7, 42, 2024].flatMap((seed) => ([1, 2, 3, 4, 5] as const).map((level) => [seed, level] as const));

type Output = { host: string; run: string } & CommandResult;

/** Everything observable about a lab, as one JSON value. Reads the IPVS tables last, with ipvsadm itself. */
function labState(lab: Lab, outputs: readonly Output[]): unknown {
  const state = {
    outputs,
    frames: lab.frames,
    trace: lab.trace.map((event) => ({ ...event, params: englishParams(event.params) })),
    neighbours: Object.fromEntries(lab.hostNames.map((name) => [name, lab.neighbors(name)])),
    clockUs: lab.queue.now,
    ipvs: {} as Record<string, string[]>,
  };
  for (const name of lab.hostNames) {
    state.ipvs[name] = ['ipvsadm -Ln --stats', 'ipvsadm -Lnc'].map((line) => {
      const r = lab.run(name, line);
      return `${r.exit}\n${r.stdout}\n${r.stderr}`;
    });
  }
  return state;
}

/** Trace parameters as text: a clause (a message) counts as its English sentence, as it was stored before messages. */
function englishParams(params: TraceParams): Record<string, string | number> {
  return Object.fromEntries(Object.entries(params).map(([name, value]) => [name, renderParam('en', value)]));
}

function sha256(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

function runLines(lab: Lab, lines: readonly string[]): Output[] {
  return applySteps(lab, stepsFromLines(lines)).flatMap(({ step, result }) => ('run' in step && result ? [{ host: step.host, run: step.run, ...result }] : []));
}

/** Check results without their sentences (translations may change; what passed may not). */
function verdicts(results: ReadonlyArray<{ id: string; pass: boolean }>): string[] {
  return results.map((r) => `${r.id}:${r.pass ? 'pass' : 'fail'}`);
}

function scenarioItems(root: string, out: Map<string, string>): void {
  const dir = join(root, 'conformance', 'scenarios');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const parsed = parseScenarioText(readFileSync(join(dir, file), 'utf8'));
    if (!parsed.ok) throw new Error(`${file}: invalid scenario`);
    const { observation, lab } = runScenarioWithLab(parsed.scenario, { seed: 1 });
    out.set(`scenario/${file}`, sha256({ observation, lab: labState(lab, []) }));
  }
}

function lessonItems(out: Map<string, string>): void {
  for (const lesson of loadCurriculum().lessons) {
    const broken = startLessonLab(lesson);
    out.set(`lesson/${lesson.id}/broken`, sha256({ lab: labState(broken, []), checks: verdicts(checkLesson(startLessonLab(lesson), lesson)) }));
    const solved = startLessonLab(lesson);
    const outputs = runLines(solved, lesson.solution);
    const checks = verdicts(checkLesson(solved, lesson));
    // The saved session and a fork of the solved lab: both replay the journal.
    const session = sessionScenario(solved);
    const fork = forkLab(solved);
    out.set(`lesson/${lesson.id}/solved`, sha256({ lab: labState(solved, outputs), checks, session, fork: labState(fork, []) }));
  }
}

function challengeItems(out: Map<string, string>): void {
  for (const [seed, level] of HASHED_CHALLENGES) {
    const challenge = generateChallenge(seed, level);
    const broken = bootChallenge(challenge);
    out.set(`challenge/${seed}-${level}/broken`, sha256({ lab: labState(broken, []), setup: challenge.setup, faults: challenge.faults.map((f) => f.key) }));
    const fixed = bootChallenge(challenge);
    const outputs = runLines(fixed, challenge.faults.flatMap((f) => f.fix));
    const assessment = assessChallenge(challenge, fixed);
    const assessed = { faults: assessment.faults.map((f) => ({ key: f.key, fixed: f.fixed, checks: verdicts(f.checks) })), collateral: verdicts(assessment.collateral) };
    out.set(`challenge/${seed}-${level}/fixed`, sha256({ lab: labState(fixed, outputs), assessed }));
  }
}

/** A pack's exercises replayed from transcripts that type the reference fix at fixed virtual times. */
function packItems(out: Map<string, string>): void {
  const exercises: Array<{ id: string; spec: ExerciseSpec; lines: string[] }> = [
    { id: 'challenge-42-3', spec: { kind: 'challenge', seed: 42, level: 3 }, lines: generateChallenge(42, 3).faults.flatMap((f) => f.fix) },
    { id: 'challenge-7-4-half', spec: { kind: 'challenge', seed: 7, level: 4 }, lines: generateChallenge(7, 4).faults[0]!.fix },
    { id: 'lesson-arp-ignore', spec: { kind: 'lesson', lesson: 'arp-ignore' }, lines: findLesson('arp-ignore')!.solution },
    { id: 'lesson-failover-garp', spec: { kind: 'lesson', lesson: 'failover-garp' }, lines: findLesson('failover-garp')!.solution },
  ];
  for (const { id, spec, lines } of exercises) {
    const transcript: TranscriptCommand[] = stepsFromLines(lines).flatMap((step, i) => ('run' in step ? [{ t: 10 * (i + 1), host: step.host, run: step.run }] : []));
    const outcome = playExercise(spec, { transcript, submittedAt: 10 * (transcript.length + 2), hintsUsed: 1, solutionShown: false, timeLimitSeconds: 3600 }, findLesson);
    if ('error' in outcome) throw new Error(`pack exercise ${id}: ${outcome.error}`);
    // Names and messages are left out (translations may change); numbers and verdicts are the behaviour.
    const { score, replay, fixed, of, checks } = outcome;
    const replayed = { ...replay, inconsistencies: replay.inconsistencies.map((n) => n.index) };
    out.set(`pack/${id}`, sha256({ score, replay: replayed, fixed, of, checks: checks ? verdicts(checks) : null }));
  }
}

/** Every item's hash, in a fixed order. `root` is the repository. */
export function computeBehaviourHashes(root: string): Map<string, string> {
  const out = new Map<string, string>();
  scenarioItems(root, out);
  lessonItems(out);
  challengeItems(out);
  packItems(out);
  return out;
}

export interface HashComparison {
  changed: string[];
  added: string[];
  removed: string[];
}

export function compareHashes(baseline: Readonly<Record<string, string>>, current: ReadonlyMap<string, string>): HashComparison {
  const changed: string[] = [];
  const added: string[] = [];
  for (const [item, hash] of current) {
    if (!(item in baseline)) added.push(item);
    else if (baseline[item] !== hash) changed.push(item);
  }
  const removed = Object.keys(baseline).filter((item) => !current.has(item));
  return { changed, added, removed };
}

export const BASELINE_FILE = join('conformance', 'behaviour-hashes.json');
