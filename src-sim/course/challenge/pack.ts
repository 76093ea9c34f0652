// Exercise packs: an instructor's selection of lessons and challenges, as
// data only (never code). Loaded with every problem reported by JSON path,
// within size limits, so a pack from anyone can be opened safely.
//
// {
//   "format": "lvs-dr-lab/pack@1",
//   "title": { "en": "Week 3: ARP traps", "zh-CN": "第三周：ARP 陷阱" },   // en and/or zh-CN
//   "instructions": { "en": "…" },                                        // optional
//   "hintsAllowed": true, "solutionsAllowed": false,                       // false, false = exam mode
//   "exercises": [
//     { "id": "warm-up", "kind": "lesson", "lesson": "arp-ignore", "timeLimitSeconds": 900 },
//     { "id": "ticket-1", "kind": "challenge", "seed": 42, "level": 2 }
//   ]
// }
//
// An exam (exam.ts) is a pack with an "exam" block, the teacher's copy only:
//   "exam": { "secret": "<64 hex>", "learners": ["wang-wei", "li-na"] }
// It allows no hints and no solutions, sets challenges only (a lesson is public,
// with its solution, in Lessons) and names no seeds: each learner's faults are
// drawn from the secret and their id.
import * as v from 'valibot';
import type { Lang } from '../../api.ts';
import { crossCheck, describeValue, expecting, format, integer, isObject, list, matching, parseJsonText, strictObject, text, validate, type CrossProblem, type Problem } from '../../schema/problems.ts';
import { canonicalJson } from './canonical-json.ts';
import { MAX_LEVEL, MIN_LEVEL, type Level } from './levels.ts';
import { sha256Hex } from './sha256.ts';

export const PACK_FORMAT = 'lvs-dr-lab/pack@1';
export const PACK_LIMITS = {
  bytes: 256 * 1024,
  exercises: 50,
  titleChars: 200,
  instructionsChars: 20_000,
  minTimeLimitSeconds: 10,
  maxTimeLimitSeconds: 24 * 3600,
  maxSeed: 0xffffffff,
  learners: 500,
} as const;

export type LocalText = Partial<Record<Lang, string>>;

export type PackExercise =
  /** `seed`: absent in an exam, whose seeds are each learner's (exam.ts). */
  | { id: string; kind: 'challenge'; seed?: number; level: Level; timeLimitSeconds?: number }
  | { id: string; kind: 'lesson'; lesson: string; timeLimitSeconds?: number };

export interface Pack {
  format: typeof PACK_FORMAT;
  title: LocalText;
  instructions?: LocalText;
  hintsAllowed: boolean;
  solutionsAllowed: boolean;
  exercises: PackExercise[];
  /** Present in an exam's teacher pack only. */
  exam?: ExamKeys;
}

export interface ExamKeys {
  /** 32 random bytes, hex: with a learner's id it draws their faults and makes their code. */
  secret: string;
  /** The learners' ids: each gets a variant and a code. */
  learners: string[];
}

export function isExam(pack: Pack): pack is Pack & { exam: ExamKeys } {
  return pack.exam !== undefined;
}

export type PackResult = { ok: true; pack: Pack; id: string } | { ok: false; problems: Problem[] };

export const EXERCISE_ID_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LESSON_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
/** A learner's id on an exam's roster: letters (any script), digits, space, ".", "_", "-". */
export const LEARNER_ID_RE = /^[\p{L}\p{N}][\p{L}\p{N} ._-]{0,59}$/u;

export interface PackValidationOptions {
  /** Lesson ids the app knows; an exercise naming another lesson is a problem. Unchecked when absent. */
  knownLessons?: ReadonlySet<string>;
}

/** A pack's text in "en", "zh-CN" or both. */
function localTextSchema(maxChars: number) {
  return v.pipe(
    strictObject({ en: v.optional(text(maxChars, 1)), 'zh-CN': v.optional(text(maxChars, 1)) }, 'an object with "en" and/or "zh-CN" texts'),
    crossCheck((raw) => (isObject(raw) && raw['en'] === undefined && raw['zh-CN'] === undefined ? [{ path: [], message: 'needs the text in "en" or "zh-CN" (or both)' }] : [])),
  );
}

/** An exercise id (results files name exercises with the same ids). */
export const exerciseId = expecting(
  v.pipe(text(40), v.regex(EXERCISE_ID_RE, (issue) => `invalid exercise id ${JSON.stringify(issue.input)} (expected lower-case letters, digits and "-", at most 40)`)),
  'an exercise id',
);

/** The schema of an exercise of kind "challenge" or "lesson", chosen by its `kind`. */
export function byKind(challenge: v.GenericSchema, lesson: v.GenericSchema): v.GenericSchema {
  const badKind = v.pipe(
    v.custom<Record<string, unknown>>(isObject, (issue) => `expected an object, got ${describeValue(issue.input)}`),
    crossCheck<Record<string, unknown>>((raw) => {
      if (!isObject(raw)) return [];
      const message = Object.hasOwn(raw, 'kind') ? `expected "challenge" or "lesson", got ${JSON.stringify(raw['kind'])}` : 'missing (expected "challenge" or "lesson")';
      return [{ path: ['kind'], message }];
    }),
  );
  return v.lazy((input) => (isObject(input) && input['kind'] === 'challenge' ? challenge : isObject(input) && input['kind'] === 'lesson' ? lesson : badKind));
}

const timeLimitSeconds = v.optional(integer(PACK_LIMITS.minTimeLimitSeconds, PACK_LIMITS.maxTimeLimitSeconds));

const learnerId = expecting(
  v.pipe(text(60, 1), v.regex(LEARNER_ID_RE, (issue) => `invalid learner id ${JSON.stringify(issue.input)} (letters, digits, space, ".", "_", "-", at most 60)`)),
  'a learner id',
);

const examSchema = strictObject({
  secret: expecting(matching(/^[0-9a-f]{64}$/, () => 'expected 64 lower-case hex digits (32 random bytes)', 64), 'the exam\'s secret'),
  learners: v.pipe(list(learnerId, PACK_LIMITS.learners, 1), crossCheck(duplicateLearners)),
});

function duplicateLearners(learners: unknown): CrossProblem[] {
  if (!Array.isArray(learners)) return [];
  const seen = new Set<unknown>();
  return learners.flatMap((id, i) => (seen.has(id) ? [{ path: [i], message: `duplicate learner id ${JSON.stringify(id)}` }] : (seen.add(id), [])));
}

/** What an exam may not have, and what a pack without one must. */
function examRules(raw: unknown): CrossProblem[] {
  if (!isObject(raw) || !Array.isArray(raw['exercises'])) return [];
  const exam = raw['exam'] !== undefined;
  const problems: CrossProblem[] = [];
  if (exam && raw['hintsAllowed'] === true) problems.push({ path: ['hintsAllowed'], message: 'an exam allows no hints' });
  if (exam && raw['solutionsAllowed'] === true) problems.push({ path: ['solutionsAllowed'], message: 'an exam allows no solutions' });
  raw['exercises'].forEach((e, i) => {
    if (!isObject(e)) return;
    if (exam && e['kind'] === 'lesson') problems.push({ path: ['exercises', i, 'kind'], message: 'an exam sets challenges only: a lesson is public, with its solution, in Lessons' });
    if (exam && e['kind'] === 'challenge' && e['seed'] !== undefined) problems.push({ path: ['exercises', i, 'seed'], message: 'an exam names no seed: each learner\'s is drawn from the exam\'s secret' });
    if (!exam && e['kind'] === 'challenge' && e['seed'] === undefined) problems.push({ path: ['exercises', i, 'seed'], message: 'missing (expected an integer; only an exam leaves it out)' });
  });
  return problems;
}

const packSchema = strictObject({
  format: format(PACK_FORMAT),
  title: localTextSchema(PACK_LIMITS.titleChars),
  instructions: v.optional(localTextSchema(PACK_LIMITS.instructionsChars)),
  hintsAllowed: expecting(v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`), 'true or false'),
  solutionsAllowed: expecting(v.boolean((issue) => `expected true or false, got ${describeValue(issue.input)}`), 'true or false'),
  exercises: v.pipe(
    list(
      byKind(
        strictObject({ id: exerciseId, kind: v.literal('challenge'), seed: v.optional(integer(0, PACK_LIMITS.maxSeed)), level: integer(MIN_LEVEL, MAX_LEVEL), timeLimitSeconds }),
        strictObject({ id: exerciseId, kind: v.literal('lesson'), lesson: expecting(v.pipe(text(64, 1), v.regex(LESSON_ID_RE, (issue) => `invalid lesson id ${JSON.stringify(issue.input)}`)), 'a lesson id'), timeLimitSeconds }),
      ),
      PACK_LIMITS.exercises,
      1,
    ),
    crossCheck(duplicateExerciseIds),
  ),
  exam: v.optional(examSchema),
});

const packWithRules = v.pipe(packSchema, crossCheck(examRules));

/** Exercises naming a lesson the app does not know (the schema stays one, whatever the app knows). */
function unknownLessons(raw: unknown, known: ReadonlySet<string> | undefined): Problem[] {
  const exercises = isObject(raw) && Array.isArray(raw['exercises']) ? raw['exercises'] : [];
  if (!known) return [];
  return exercises.flatMap((exercise, i) => {
    const lesson = isObject(exercise) && exercise['kind'] === 'lesson' ? exercise['lesson'] : undefined;
    return typeof lesson === 'string' && LESSON_ID_RE.test(lesson) && !known.has(lesson) ? [{ path: `$.exercises[${i}].lesson`, message: `unknown lesson "${lesson}"` }] : [];
  });
}

function duplicateExerciseIds(exercises: unknown): CrossProblem[] {
  if (!Array.isArray(exercises)) return [];
  const first = new Map<string, number>();
  const problems: CrossProblem[] = [];
  exercises.forEach((exercise, i) => {
    const id = isObject(exercise) ? exercise['id'] : undefined;
    if (typeof id !== 'string' || !EXERCISE_ID_RE.test(id)) return;
    const at = first.get(id);
    if (at === undefined) first.set(id, i);
    else problems.push({ path: [i, 'id'], message: `duplicate exercise id "${id}" (first at $.exercises[${at}].id)` });
  });
  return problems;
}

/** Validates a parsed JSON value as a pack. On success, `id` is the pack's identity (see packId). */
export function validatePack(raw: unknown, options: PackValidationOptions = {}): PackResult {
  const result = validate(packWithRules, raw);
  const problems = [...(result.ok ? [] : result.problems), ...unknownLessons(raw, options.knownLessons)];
  if (problems.length > 0) return { ok: false, problems };
  const pack = (result as { value: Pack }).value;
  return { ok: true, pack, id: packId(pack) };
}

/** Parses pack text (JSON, at most PACK_LIMITS.bytes) and validates it. */
export function parsePackText(text: string, options: PackValidationOptions = {}): PackResult {
  const parsed = parseJsonText(text, PACK_LIMITS.bytes, 'the pack');
  return parsed.ok ? validatePack(parsed.value, options) : parsed;
}

/**
 * A pack's identity: SHA-256 of its canonical JSON (keys sorted, no
 * whitespace). Reformatting a pack keeps its identity; changing any exercise,
 * limit or text gives a new one, so results name exactly what was set.
 */
export function packId(pack: Pack): string {
  return sha256Hex(canonicalJson(pack));
}

/** The pack's text in the learner's language, else the other one. */
export function localText(text: LocalText | undefined, lang: Lang): string {
  return text?.[lang] ?? text?.en ?? text?.['zh-CN'] ?? '';
}
