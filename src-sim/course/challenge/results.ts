// Results files: what a learner did in each exercise of a pack, so the
// instructor's copy of the app can replay it and recompute the score. Nothing
// in it is trusted: the grader recomputes everything from the transcript.
//
// {
//   "format": "lvs-dr-lab/results@1",
//   "pack": { "id": "<sha-256 of the pack's canonical JSON>", "title": "Week 3" },
//   "learner": "Wang Wei",
//   "exercises": [
//     { "id": "ticket-1", "kind": "challenge", "seed": 42, "level": 2,
//       "transcript": [ { "t": 12.5, "host": "rs1", "run": "sysctl -w net.ipv4.conf.all.arp_ignore=1" } ],
//       "submittedAt": 60, "hintsUsed": 1, "solutionShown": false, "claimedScore": 812 },
//     { "id": "warm-up", "kind": "lesson", "lesson": "arp-ignore", "transcript": [], "submittedAt": 0,
//       "hintsUsed": 0, "solutionShown": false, "claimedScore": 0 }
//   ]
// }
//
// `t` and `submittedAt` are virtual seconds since the exercise started (the
// lab's clock after its faults were applied); each command starts at or after
// the previous one's start. `events` (optional, files before it have none):
// every hint and solution the app revealed, at its time, e.g.
// [{ "t": 40, "event": "hint" }]; the grader counts them against `hintsUsed`
// and `solutionShown`. An exam's exercise has no `seed` (the learner never
// has it; exam.ts).
import * as v from 'valibot';
import { crossCheck, expecting, finite, format, integer, isObject, list, matching, parseAndValidate, strictObject, text, validate, boolean, type CrossProblem, type Problem } from '../../schema/problems.ts';
import { CHALLENGE_LAB_VERSION, isChallengeLabVersion } from './base-lab.ts';
import { byKind, exerciseId } from './pack.ts';
import { MAX_LEVEL, MIN_LEVEL, type Level } from './levels.ts';
import { MAX_SCORE } from './score.ts';

export const RESULTS_FORMAT = 'lvs-dr-lab/results@1';
export const RESULTS_LIMITS = {
  bytes: 4 * 1024 * 1024,
  exercises: 50,
  transcript: 5000,
  commandChars: 2000,
  learnerChars: 200,
  /** A week of virtual time. */
  maxSeconds: 7 * 24 * 3600,
  maxHints: 100,
  events: 200,
} as const;

export interface TranscriptCommand {
  /** Virtual seconds since the exercise started. */
  t: number;
  host: string;
  run: string;
}

/** A reveal the app made during the exercise, at virtual seconds since its start. */
export interface RevealEvent {
  t: number;
  event: 'hint' | 'solution';
}

/** What a learner did on one exercise, as the app records it before scoring. */
export interface ExerciseAttempt {
  /** The pack exercise's id. */
  id: string;
  transcript: TranscriptCommand[];
  /** Every hint and solution revealed, in order. */
  events?: RevealEvent[];
  submittedAt: number;
  hintsUsed: number;
  solutionShown: boolean;
}

interface ExerciseResultBase extends ExerciseAttempt {
  claimedScore: number;
}

export type ExerciseResult =
  /**
   * `lab`: the challenge lab's version it was played on (base-lab.ts); absent in files older than versioning, which means 1.
   * `seed`: absent for an exam's exercise.
   */
  | (ExerciseResultBase & { kind: 'challenge'; seed?: number; level: Level; lab?: number })
  | (ExerciseResultBase & { kind: 'lesson'; lesson: string });

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  pack: { id: string; title?: string };
  learner: string;
  exercises: ExerciseResult[];
}

export type ResultsLoad = { ok: true; results: ResultsFile } | { ok: false; problems: Problem[] };

const HOST_RE = /^[a-z][a-z0-9-]{0,14}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;

/** Each command starts at or after the previous one. */
function outOfOrder(transcript: unknown): CrossProblem[] {
  if (!Array.isArray(transcript)) return [];
  let previous = 0;
  const problems: CrossProblem[] = [];
  transcript.forEach((entry, i) => {
    const t = isObject(entry) ? entry['t'] : undefined;
    if (typeof t !== 'number' || !Number.isFinite(t)) return;
    if (t < previous) problems.push({ path: [i, 't'], message: `${t} is earlier than the previous command's ${previous} (commands are in the order they ran)` });
    previous = Math.max(previous, t);
  });
  return problems;
}

/** An exercise is submitted after its last command. */
function submittedBeforeLast(exercise: unknown): CrossProblem[] {
  if (!isObject(exercise) || typeof exercise['submittedAt'] !== 'number' || !Array.isArray(exercise['transcript'])) return [];
  const last: unknown = exercise['transcript'][exercise['transcript'].length - 1];
  const lastT = isObject(last) ? last['t'] : undefined;
  return typeof lastT === 'number' && exercise['submittedAt'] < lastT ? [{ path: ['submittedAt'], message: `${exercise['submittedAt']} is before the last command (${lastT})` }] : [];
}

const transcriptSchema = v.pipe(
  list(
    strictObject({
      t: finite(0, RESULTS_LIMITS.maxSeconds),
      host: v.pipe(text(15, 1), v.regex(HOST_RE, (issue) => `invalid host name ${JSON.stringify(issue.input)}`)),
      run: v.pipe(text(RESULTS_LIMITS.commandChars), v.check((run) => !/[\r\n]/.test(run), 'a command is one line (no line breaks)')),
    }),
    RESULTS_LIMITS.transcript,
  ),
  crossCheck(outOfOrder),
);

const eventsSchema = v.pipe(
  list(strictObject({ t: finite(0, RESULTS_LIMITS.maxSeconds), event: expecting(v.picklist(['hint', 'solution'], (issue) => `expected "hint" or "solution", got ${JSON.stringify(issue.input)}`), '"hint" or "solution"') }), RESULTS_LIMITS.events),
  crossCheck(outOfOrder),
);

const labVersion = expecting(
  v.custom<number>(isChallengeLabVersion, (issue) => `unknown challenge lab version ${JSON.stringify(issue.input)} (this app knows 1…${CHALLENGE_LAB_VERSION})`),
  'a challenge lab version',
);

const common = {
  id: exerciseId,
  transcript: transcriptSchema,
  events: v.optional(eventsSchema),
  submittedAt: finite(0, RESULTS_LIMITS.maxSeconds),
  hintsUsed: integer(0, RESULTS_LIMITS.maxHints),
  solutionShown: boolean,
  claimedScore: integer(0, MAX_SCORE),
};

const resultsSchema = strictObject({
  format: format(RESULTS_FORMAT),
  pack: strictObject({
    id: expecting(matching(SHA256_RE, () => 'expected 64 lower-case hex digits (the SHA-256 of the pack)', 64), 'the SHA-256 of the pack'),
    title: v.optional(text(200)),
  }),
  learner: text(RESULTS_LIMITS.learnerChars, 1),
  exercises: list(
    v.pipe(
      byKind(
        strictObject({ ...common, kind: v.literal('challenge'), seed: v.optional(integer(0, 0xffffffff)), level: integer(MIN_LEVEL, MAX_LEVEL), lab: v.optional(labVersion) }),
        strictObject({ ...common, kind: v.literal('lesson'), lesson: text(64, 1) }),
      ),
      crossCheck(submittedBeforeLast),
    ),
    RESULTS_LIMITS.exercises,
  ),
});

export function validateResults(raw: unknown): ResultsLoad {
  const result = validate(resultsSchema, raw);
  return result.ok ? { ok: true, results: result.value as ResultsFile } : result;
}

/** Parses results text (JSON, at most RESULTS_LIMITS.bytes) and validates it. */
export function parseResultsText(text: string): ResultsLoad {
  const result = parseAndValidate(resultsSchema, text, RESULTS_LIMITS.bytes, 'the results file');
  return result.ok ? { ok: true, results: result.value as ResultsFile } : result;
}
