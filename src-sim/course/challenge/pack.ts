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
import type { Lang } from '../../api.ts';
import { canonicalJson } from './canonical-json.ts';
import { JsonChecker, childPath, parseJsonText, type JsonProblem } from './json-checker.ts';
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
} as const;

export type LocalText = Partial<Record<Lang, string>>;

export type PackExercise =
  | { id: string; kind: 'challenge'; seed: number; level: Level; timeLimitSeconds?: number }
  | { id: string; kind: 'lesson'; lesson: string; timeLimitSeconds?: number };

export interface Pack {
  format: typeof PACK_FORMAT;
  title: LocalText;
  instructions?: LocalText;
  hintsAllowed: boolean;
  solutionsAllowed: boolean;
  exercises: PackExercise[];
}

export type PackResult = { ok: true; pack: Pack; id: string } | { ok: false; problems: JsonProblem[] };

export const EXERCISE_ID_RE = /^[a-z0-9][a-z0-9-]{0,39}$/;
const LESSON_ID_RE = /^[a-z0-9][a-z0-9-]{0,63}$/;
const LANGS: readonly Lang[] = ['en', 'zh-CN'];

export interface PackValidationOptions {
  /** Lesson ids the app knows; an exercise naming another lesson is a problem. Unchecked when absent. */
  knownLessons?: ReadonlySet<string>;
}

function checkLocalText(c: JsonChecker, raw: unknown, path: string, maxChars: number): void {
  if (!c.object(raw, path)) return;
  c.keys(raw, path, LANGS, []);
  const present = LANGS.filter((lang) => Object.hasOwn(raw, lang));
  if (present.length === 0) c.report(path, 'needs the text in "en" or "zh-CN" (or both)');
  for (const lang of present) c.string(raw[lang], childPath(path, lang), maxChars, 1);
}

function checkExercise(c: JsonChecker, raw: unknown, path: string, ids: Map<string, string>, options: PackValidationOptions): void {
  if (!c.object(raw, path)) return;
  const kind = raw['kind'];
  if (kind === 'challenge') c.keys(raw, path, ['id', 'kind', 'seed', 'level', 'timeLimitSeconds'], ['id', 'kind', 'seed', 'level']);
  else if (kind === 'lesson') c.keys(raw, path, ['id', 'kind', 'lesson', 'timeLimitSeconds'], ['id', 'kind', 'lesson']);
  else if (!Object.hasOwn(raw, 'kind')) c.report(`${path}.kind`, 'missing required key "kind" ("challenge" or "lesson")');
  else c.report(`${path}.kind`, `expected "challenge" or "lesson", got ${JSON.stringify(kind)}`);
  if (Object.hasOwn(raw, 'id') && c.string(raw['id'], `${path}.id`, 40)) {
    const id = raw['id'];
    if (!EXERCISE_ID_RE.test(id)) c.report(`${path}.id`, `invalid exercise id ${JSON.stringify(id)} (expected lower-case letters, digits and "-", at most 40)`);
    else if (ids.has(id)) c.report(`${path}.id`, `duplicate exercise id "${id}" (first at ${ids.get(id)})`);
    else ids.set(id, `${path}.id`);
  }
  if (kind === 'challenge') {
    if (Object.hasOwn(raw, 'seed')) c.integer(raw['seed'], `${path}.seed`, 0, PACK_LIMITS.maxSeed);
    if (Object.hasOwn(raw, 'level')) c.integer(raw['level'], `${path}.level`, MIN_LEVEL, MAX_LEVEL);
  }
  if (kind === 'lesson' && Object.hasOwn(raw, 'lesson') && c.string(raw['lesson'], `${path}.lesson`, 64, 1)) {
    const lesson = raw['lesson'];
    if (!LESSON_ID_RE.test(lesson)) c.report(`${path}.lesson`, `invalid lesson id ${JSON.stringify(lesson)}`);
    else if (options.knownLessons && !options.knownLessons.has(lesson)) c.report(`${path}.lesson`, `unknown lesson "${lesson}"`);
  }
  if (Object.hasOwn(raw, 'timeLimitSeconds')) c.integer(raw['timeLimitSeconds'], `${path}.timeLimitSeconds`, PACK_LIMITS.minTimeLimitSeconds, PACK_LIMITS.maxTimeLimitSeconds);
}

/** Validates a parsed JSON value as a pack. On success, `id` is the pack's identity (see packId). */
export function validatePack(raw: unknown, options: PackValidationOptions = {}): PackResult {
  const c = new JsonChecker();
  if (!c.object(raw, '$')) return { ok: false, problems: c.problems };
  c.keys(raw, '$', ['format', 'title', 'instructions', 'hintsAllowed', 'solutionsAllowed', 'exercises'], ['format', 'title', 'hintsAllowed', 'solutionsAllowed', 'exercises']);
  if (Object.hasOwn(raw, 'format') && raw['format'] !== PACK_FORMAT) c.report('$.format', `unsupported format ${JSON.stringify(raw['format'])} (expected "${PACK_FORMAT}")`);
  if (Object.hasOwn(raw, 'title')) checkLocalText(c, raw['title'], '$.title', PACK_LIMITS.titleChars);
  if (Object.hasOwn(raw, 'instructions')) checkLocalText(c, raw['instructions'], '$.instructions', PACK_LIMITS.instructionsChars);
  if (Object.hasOwn(raw, 'hintsAllowed')) c.boolean(raw['hintsAllowed'], '$.hintsAllowed');
  if (Object.hasOwn(raw, 'solutionsAllowed')) c.boolean(raw['solutionsAllowed'], '$.solutionsAllowed');
  if (Object.hasOwn(raw, 'exercises') && c.array(raw['exercises'], '$.exercises', PACK_LIMITS.exercises, 1)) {
    const ids = new Map<string, string>();
    raw['exercises'].forEach((e, i) => checkExercise(c, e, `$.exercises[${i}]`, ids, options));
  }
  if (c.problems.length > 0) return { ok: false, problems: c.problems };
  const pack = raw as unknown as Pack;
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
