// The gradebook a teacher keeps: the pack and every graded row, saved as one
// document (`lvs-dr-lab/gradebook@1`) by `grade --out` and by the app (its
// document store, or a file the teacher chooses), so re-opening shows the
// class without replaying it again. And the class statistics: per exercise,
// how many learners attempted and solved it, the median time of those who
// solved it, hints, solutions shown and notes the replay cannot vouch for.
import * as v from 'valibot';
import { boolean, finite, format, integer, list, parseAndValidate, strictObject, text, validate, type Problem, type Validation } from '../../schema/problems.ts';
import { csvField, type GradeRow } from './grade.ts';
import { PACK_LIMITS, parsePackText, type Pack, type PackValidationOptions } from './pack.ts';
import { RESULTS_LIMITS, validateResults, type ResultsFile } from './results.ts';
import { MAX_SCORE } from './score.ts';

export const GRADEBOOK_FORMAT = 'lvs-dr-lab/gradebook@1';
/** The app's document store keeps documents up to 4 MiB; a saved file may be as large. */
export const GRADEBOOK_LIMITS = { bytes: 4 * 1024 * 1024, rows: 2000, flags: 200, flagChars: 4000 } as const;

export interface SavedGradebook {
  format: typeof GRADEBOOK_FORMAT;
  /** The pack as the teacher imported it (its file name and text: an exam's secret stays with the teacher). */
  pack: { name: string; text: string };
  /**
   * Each file's row as graded on its own, before the class checks (crossCheckRows): those are
   * run again whenever the gradebook is shown, so files added later are checked against these.
   */
  rows: GradeRow[];
  /**
   * The results files as imported, by file name: what each learner typed, so
   * a transcript opens from the gradebook file alone (on another machine,
   * without the results folder). Absent when the file would not fit
   * GRADEBOOK_LIMITS.bytes with them, and in gradebooks saved before.
   */
  transcripts?: Record<string, ResultsFile>;
}

export function savedGradebook(packName: string, packText: string, rows: readonly GradeRow[], transcripts?: Readonly<Record<string, ResultsFile>>): SavedGradebook {
  return { format: GRADEBOOK_FORMAT, pack: { name: packName, text: packText }, rows: [...rows], ...(transcripts ? { transcripts: { ...transcripts } } : {}) };
}

/**
 * The gradebook as a file's text: with the transcripts when it fits the
 * limit a gradebook is opened with, else without them (`transcripts` false:
 * the teacher is told to keep the results folder).
 */
export function gradebookFileText(packName: string, packText: string, rows: readonly GradeRow[], transcripts: Readonly<Record<string, ResultsFile>>): { text: string; transcripts: boolean } {
  const withThem = `${JSON.stringify(savedGradebook(packName, packText, rows, transcripts))}\n`;
  if (new TextEncoder().encode(withThem).length <= GRADEBOOK_LIMITS.bytes) return { text: withThem, transcripts: true };
  return { text: `${JSON.stringify(savedGradebook(packName, packText, rows))}\n`, transcripts: false };
}

const notes = list(text(GRADEBOOK_LIMITS.flagChars), GRADEBOOK_LIMITS.flags);
const score = v.nullable(integer(0, MAX_SCORE));
const count = integer(0, RESULTS_LIMITS.transcript);

const rowSchema = strictObject({
  file: text(1000),
  learner: text(RESULTS_LIMITS.learnerChars),
  status: v.picklist(['confirmed', 'flagged', 'unreadable'], (issue) => `expected "confirmed", "flagged" or "unreadable", got ${JSON.stringify(issue.input)}`),
  exercises: list(
    strictObject({
      id: text(64, 1),
      score,
      claimed: score,
      fixed: count,
      of: count,
      detail: v.optional(
        strictObject({ commands: count, seconds: finite(0, RESULTS_LIMITS.maxSeconds), hints: count, solutionShown: boolean, unverified: count }),
      ),
    }),
    PACK_LIMITS.exercises,
  ),
  total: integer(0, MAX_SCORE * PACK_LIMITS.exercises),
  flags: notes,
  unverified: notes,
  fingerprints: v.record(text(64, 1), strictObject({ timed: text(64, 64), commands: v.optional(text(64, 64)) })),
});

const gradebookSchema = strictObject({
  format: format(GRADEBOOK_FORMAT),
  pack: strictObject({ name: text(1000), text: text(PACK_LIMITS.bytes, 1) }),
  rows: list(rowSchema, GRADEBOOK_LIMITS.rows),
  // Each is read as a results file is (withPack): the schema only bounds the names.
  transcripts: v.optional(v.record(text(1000, 1), v.unknown())),
});

export type GradebookLoad = { ok: true; gradebook: SavedGradebook; pack: Pack; packId: string } | { ok: false; problems: Problem[] };

/** Reads a saved gradebook's text (a file): every problem with its JSON path; its pack is validated as any pack is. */
export function parseGradebookText(textIn: string, options: PackValidationOptions = {}): GradebookLoad {
  return withPack(parseAndValidate(gradebookSchema, textIn, GRADEBOOK_LIMITS.bytes, 'the gradebook'), options);
}

/** The same, for a document already parsed (the app's document store). */
export function validateGradebook(raw: unknown, options: PackValidationOptions = {}): GradebookLoad {
  return withPack(validate(gradebookSchema, raw), options);
}

function withPack(result: Validation<unknown>, options: PackValidationOptions): GradebookLoad {
  if (!result.ok) return result;
  const gradebook = result.value as SavedGradebook;
  const transcriptProblems = Object.entries(gradebook.transcripts ?? {}).flatMap(([name, raw]) => {
    const read = validateResults(raw);
    return read.ok ? [] : read.problems.map((p) => ({ ...p, path: `$.transcripts[${JSON.stringify(name)}] ▸ ${p.path}` }));
  });
  if (transcriptProblems.length > 0) return { ok: false, problems: transcriptProblems };
  const pack = parsePackText(gradebook.pack.text, options);
  if (!pack.ok) return { ok: false, problems: pack.problems.map((p) => ({ ...p, path: `$.pack.text ▸ ${p.path}` })) };
  return { ok: true, gradebook, pack: pack.pack, packId: pack.id };
}

/** One exercise across the class. */
export interface ExerciseStats {
  id: string;
  /** Rows that could be read (unreadable files count nowhere). */
  learners: number;
  /** Learners whose file has at least one command for the exercise. */
  attempted: number;
  /** Learners whose replay fixes every fault (or passes every lesson check). */
  solved: number;
  /** Median virtual seconds to submission of those who solved it; null when nobody did. */
  medianSeconds: number | null;
  /** Hints charged, summed over the class. */
  hints: number;
  /** Learners who were shown the solution. */
  solutionsShown: number;
  /** Learners with a note about this exercise in the `unverified` column. */
  unverified: number;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function classStats(pack: Pack, rows: readonly GradeRow[]): ExerciseStats[] {
  const readable = rows.filter((r) => r.status !== 'unreadable');
  return pack.exercises.map(({ id }) => {
    const graded = readable.flatMap((r) => r.exercises.filter((e) => e.id === id));
    const solved = graded.filter((e) => e.of > 0 && e.fixed === e.of);
    return {
      id,
      learners: readable.length,
      attempted: graded.filter((e) => (e.detail?.commands ?? 0) > 0).length,
      solved: solved.length,
      medianSeconds: median(solved.flatMap((e) => (e.detail ? [e.detail.seconds] : []))),
      hints: graded.reduce((sum, e) => sum + (e.detail?.hints ?? 0), 0),
      solutionsShown: graded.filter((e) => e.detail?.solutionShown).length,
      unverified: graded.filter((e) => (e.detail?.unverified ?? 0) > 0).length,
    };
  });
}

/** The class statistics as CSV (RFC 4180, CRLF), one line per exercise; column names as in the gradebook's CSV, in English. */
export function classStatsCsv(pack: Pack, rows: readonly GradeRow[]): string {
  const header = ['exercise', 'learners', 'attempted', 'solved', 'median_seconds_solved', 'hints_used', 'solutions_shown', 'unverified'];
  const lines = [header.join(',')];
  for (const s of classStats(pack, rows)) {
    lines.push([s.id, s.learners, s.attempted, s.solved, s.medianSeconds === null ? null : Math.round(s.medianSeconds * 10) / 10, s.hints, s.solutionsShown, s.unverified].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
