// The pack editor's form, as plain data, and the pack it makes. The form is
// turned into pack JSON as typed and checked by loadPack (parsePackText, the
// same validation `lvs-dr-lab pack validate` and `pack exam` run), so every
// message about bad input is the schema's own; there is no second builder.
import { isLevel, type Pack } from '../../../src-sim/session/index.ts';
import { loadPack, type PackLoad } from './pack-files.ts';

export type DraftMode = 'practice' | 'exam';

export interface DraftExercise {
  /** Keys the form's rows (stable while rows move); not written to the pack. */
  key: number;
  id: string;
  kind: 'lesson' | 'challenge';
  lesson: string;
  level: number;
  /** As typed: a practice challenge's seed (an exam names none). */
  seed: string;
  /** As typed, in seconds; blank means no limit. */
  timeLimit: string;
}

export interface PackDraft {
  titleEn: string;
  titleZh: string;
  instructionsEn: string;
  instructionsZh: string;
  mode: DraftMode;
  hintsAllowed: boolean;
  solutionsAllowed: boolean;
  /** An exam's learner ids, one a line. */
  learners: string;
  /** An exam's secret (64 hex digits), drawn by the app. */
  secret: string;
  exercises: DraftExercise[];
}

export function emptyDraft(): PackDraft {
  return { titleEn: '', titleZh: '', instructionsEn: '', instructionsZh: '', mode: 'practice', hintsAllowed: true, solutionsAllowed: false, learners: '', secret: '', exercises: [] };
}

/** A whole number as typed becomes a number; anything else stays text, so the schema names it. */
function typedNumber(typed: string): number | string {
  const trimmed = typed.trim();
  return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

function localText(en: string, zh: string): Record<string, string> | undefined {
  const text: Record<string, string> = {};
  if (en.trim() !== '') text['en'] = en.trim();
  if (zh.trim() !== '') text['zh-CN'] = zh.trim();
  return Object.keys(text).length > 0 ? text : undefined;
}

/** The learner ids of the roster text: one a line, blanks ignored. */
export function rosterLines(learners: string): string[] {
  return learners
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The pack the form describes, as JSON, before validation (the schema judges it, not the form). */
export function draftToRaw(draft: PackDraft): Record<string, unknown> {
  const exam = draft.mode === 'exam';
  const instructions = localText(draft.instructionsEn, draft.instructionsZh);
  return {
    format: 'lvs-dr-lab/pack@1',
    title: localText(draft.titleEn, draft.titleZh) ?? {},
    ...(instructions ? { instructions } : {}),
    hintsAllowed: exam ? false : draft.hintsAllowed,
    solutionsAllowed: exam ? false : draft.solutionsAllowed,
    exercises: draft.exercises.map((e) => ({
      id: e.id.trim(),
      kind: e.kind,
      ...(e.kind === 'lesson' ? { lesson: e.lesson } : { ...(exam ? {} : { seed: typedNumber(e.seed) }), level: e.level }),
      ...(e.timeLimit.trim() !== '' ? { timeLimitSeconds: typedNumber(e.timeLimit) } : {}),
    })),
    ...(exam ? { exam: { secret: draft.secret, learners: rosterLines(draft.learners) } } : {}),
  };
}

/** The pack file's text (the teacher pack for an exam) and its validation, by the importer's own loader. */
export function buildPack(draft: PackDraft, name: string): { text: string; load: PackLoad } {
  const text = `${JSON.stringify(draftToRaw(draft), null, 1)}\n`;
  return { text, load: loadPack(name, text) };
}

/** A pack (one the teacher opened, or made earlier) back in the form, to change it. */
export function draftFromPack(pack: Pack, nextKey: () => number): PackDraft {
  return {
    titleEn: pack.title.en ?? '',
    titleZh: pack.title['zh-CN'] ?? '',
    instructionsEn: pack.instructions?.en ?? '',
    instructionsZh: pack.instructions?.['zh-CN'] ?? '',
    mode: pack.exam ? 'exam' : 'practice',
    hintsAllowed: pack.hintsAllowed,
    solutionsAllowed: pack.solutionsAllowed,
    learners: pack.exam?.learners.join('\n') ?? '',
    secret: pack.exam?.secret ?? '',
    exercises: pack.exercises.map((e) => ({
      key: nextKey(),
      id: e.id,
      kind: e.kind,
      lesson: e.kind === 'lesson' ? e.lesson : '',
      level: e.kind === 'challenge' ? e.level : 1,
      seed: e.kind === 'challenge' && e.seed !== undefined ? String(e.seed) : '',
      timeLimit: e.timeLimitSeconds !== undefined ? String(e.timeLimitSeconds) : '',
    })),
  };
}

/** An id for a new row: `base`, or `base-2`, `base-3`… when taken (ids are unique in a pack). */
export function freeExerciseId(base: string, taken: readonly string[]): string {
  if (!taken.includes(base)) return base;
  for (let n = 2; ; n++) if (!taken.includes(`${base}-${n}`)) return `${base}-${n}`;
}

/** Levels the editor offers (levels.ts). */
export const DRAFT_LEVELS = [1, 2, 3, 4, 5].filter(isLevel);

/** 32 bytes from the platform's generator, hex: an exam's secret (src-sim has no randomness of its own). */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A new practice challenge's seed: any 32-bit number (the teacher may type another). */
export function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}
