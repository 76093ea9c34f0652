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
// the previous one's start.
import { EXERCISE_ID_RE } from './pack.ts';
import { JsonChecker, parseJsonText, type JsonProblem } from './json-checker.ts';
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
} as const;

export interface TranscriptCommand {
  /** Virtual seconds since the exercise started. */
  t: number;
  host: string;
  run: string;
}

interface ExerciseResultBase {
  id: string;
  transcript: TranscriptCommand[];
  submittedAt: number;
  hintsUsed: number;
  solutionShown: boolean;
  claimedScore: number;
}

export type ExerciseResult =
  | (ExerciseResultBase & { kind: 'challenge'; seed: number; level: Level })
  | (ExerciseResultBase & { kind: 'lesson'; lesson: string });

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  pack: { id: string; title?: string };
  learner: string;
  exercises: ExerciseResult[];
}

export type ResultsLoad = { ok: true; results: ResultsFile } | { ok: false; problems: JsonProblem[] };

const HOST_RE = /^[a-z][a-z0-9-]{0,14}$/;
const SHA256_RE = /^[0-9a-f]{64}$/;

function checkTranscript(c: JsonChecker, raw: unknown, path: string): void {
  if (!c.array(raw, path, RESULTS_LIMITS.transcript)) return;
  let previous = 0;
  raw.forEach((entry, i) => {
    const p = `${path}[${i}]`;
    if (!c.object(entry, p)) return;
    c.keys(entry, p, ['t', 'host', 'run'], ['t', 'host', 'run']);
    if (Object.hasOwn(entry, 't') && c.number(entry['t'], `${p}.t`, 0, RESULTS_LIMITS.maxSeconds)) {
      const t = entry['t'] as number;
      if (t < previous) c.report(`${p}.t`, `${t} is earlier than the previous command's ${previous} (commands are in the order they ran)`);
      previous = Math.max(previous, t);
    }
    if (Object.hasOwn(entry, 'host') && c.string(entry['host'], `${p}.host`, 15, 1) && !HOST_RE.test(entry['host'] as string)) {
      c.report(`${p}.host`, `invalid host name ${JSON.stringify(entry['host'])}`);
    }
    if (Object.hasOwn(entry, 'run') && c.string(entry['run'], `${p}.run`, RESULTS_LIMITS.commandChars) && /[\r\n]/.test(entry['run'] as string)) {
      c.report(`${p}.run`, 'a command is one line (no line breaks)');
    }
  });
}

function checkExercise(c: JsonChecker, raw: unknown, path: string): void {
  if (!c.object(raw, path)) return;
  const common = ['id', 'kind', 'transcript', 'submittedAt', 'hintsUsed', 'solutionShown', 'claimedScore'];
  const kind = raw['kind'];
  if (kind === 'challenge') c.keys(raw, path, [...common, 'seed', 'level'], [...common, 'seed', 'level']);
  else if (kind === 'lesson') c.keys(raw, path, [...common, 'lesson'], [...common, 'lesson']);
  else if (!Object.hasOwn(raw, 'kind')) c.report(`${path}.kind`, 'missing required key "kind" ("challenge" or "lesson")');
  else c.report(`${path}.kind`, `expected "challenge" or "lesson", got ${JSON.stringify(kind)}`);
  if (Object.hasOwn(raw, 'id') && c.string(raw['id'], `${path}.id`, 40) && !EXERCISE_ID_RE.test(raw['id'] as string)) {
    c.report(`${path}.id`, `invalid exercise id ${JSON.stringify(raw['id'])}`);
  }
  if (kind === 'challenge') {
    if (Object.hasOwn(raw, 'seed')) c.integer(raw['seed'], `${path}.seed`, 0, 0xffffffff);
    if (Object.hasOwn(raw, 'level')) c.integer(raw['level'], `${path}.level`, MIN_LEVEL, MAX_LEVEL);
  }
  if (kind === 'lesson' && Object.hasOwn(raw, 'lesson')) c.string(raw['lesson'], `${path}.lesson`, 64, 1);
  if (Object.hasOwn(raw, 'transcript')) checkTranscript(c, raw['transcript'], `${path}.transcript`);
  if (Object.hasOwn(raw, 'submittedAt') && c.number(raw['submittedAt'], `${path}.submittedAt`, 0, RESULTS_LIMITS.maxSeconds)) {
    const transcript = raw['transcript'];
    const last = Array.isArray(transcript) ? transcript[transcript.length - 1] : undefined;
    const lastT = typeof last === 'object' && last !== null ? (last as Record<string, unknown>)['t'] : undefined;
    if (typeof lastT === 'number' && (raw['submittedAt'] as number) < lastT) {
      c.report(`${path}.submittedAt`, `${raw['submittedAt'] as number} is before the last command (${lastT})`);
    }
  }
  if (Object.hasOwn(raw, 'hintsUsed')) c.integer(raw['hintsUsed'], `${path}.hintsUsed`, 0, RESULTS_LIMITS.maxHints);
  if (Object.hasOwn(raw, 'solutionShown')) c.boolean(raw['solutionShown'], `${path}.solutionShown`);
  if (Object.hasOwn(raw, 'claimedScore')) c.integer(raw['claimedScore'], `${path}.claimedScore`, 0, MAX_SCORE);
}

export function validateResults(raw: unknown): ResultsLoad {
  const c = new JsonChecker();
  if (!c.object(raw, '$')) return { ok: false, problems: c.problems };
  c.keys(raw, '$', ['format', 'pack', 'learner', 'exercises'], ['format', 'pack', 'learner', 'exercises']);
  if (Object.hasOwn(raw, 'format') && raw['format'] !== RESULTS_FORMAT) c.report('$.format', `unsupported format ${JSON.stringify(raw['format'])} (expected "${RESULTS_FORMAT}")`);
  if (Object.hasOwn(raw, 'pack') && c.object(raw['pack'], '$.pack')) {
    const pack = raw['pack'];
    c.keys(pack, '$.pack', ['id', 'title'], ['id']);
    if (Object.hasOwn(pack, 'id') && c.string(pack['id'], '$.pack.id', 64) && !SHA256_RE.test(pack['id'] as string)) {
      c.report('$.pack.id', 'expected 64 lower-case hex digits (the SHA-256 of the pack)');
    }
    if (Object.hasOwn(pack, 'title')) c.string(pack['title'], '$.pack.title', 200);
  }
  if (Object.hasOwn(raw, 'learner')) c.string(raw['learner'], '$.learner', RESULTS_LIMITS.learnerChars, 1);
  if (Object.hasOwn(raw, 'exercises') && c.array(raw['exercises'], '$.exercises', RESULTS_LIMITS.exercises)) {
    raw['exercises'].forEach((e, i) => checkExercise(c, e, `$.exercises[${i}]`));
  }
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  return { ok: true, results: raw as unknown as ResultsFile };
}

/** Parses results text (JSON, at most RESULTS_LIMITS.bytes) and validates it. */
export function parseResultsText(text: string): ResultsLoad {
  const parsed = parseJsonText(text, RESULTS_LIMITS.bytes, 'the results file');
  return parsed.ok ? validateResults(parsed.value) : parsed;
}
