// Grading by replay: every exercise of a results file is replayed on a fresh
// deterministic lab and scored again; the file's claims are compared with
// what the replay shows. Nothing in a results file is trusted, and no
// results file, however broken, makes grading throw.
import type { Lang } from '../../api.ts';
import { playExercise, type ExerciseSpec, type LessonLookup } from './exercise.ts';
import type { Pack, PackExercise } from './pack.ts';
import { parseResultsText, type ExerciseResult } from './results.ts';

export interface GradedExercise {
  id: string;
  /** Recomputed by the replay; null when the exercise is missing or could not run. */
  score: number | null;
  claimed: number | null;
  fixed: number;
  of: number;
}

export interface GradeRow {
  file: string;
  learner: string;
  /** ok: every claim matches the replay; flagged: something does not; unreadable: not a results file. */
  status: 'ok' | 'flagged' | 'unreadable';
  exercises: GradedExercise[];
  /** Sum of the recomputed scores. */
  total: number;
  flags: string[];
}

function specOf(exercise: PackExercise): ExerciseSpec {
  return exercise.kind === 'challenge' ? { kind: 'challenge', seed: exercise.seed, level: exercise.level } : { kind: 'lesson', lesson: exercise.lesson };
}

function describeSpec(e: ExerciseSpec | ExerciseResult): string {
  return e.kind === 'challenge' ? `seed ${e.seed} level ${e.level}` : `lesson "${e.lesson}"`;
}

function sameSpec(a: ExerciseSpec, b: ExerciseResult): boolean {
  if (a.kind === 'challenge') return b.kind === 'challenge' && a.seed === b.seed && a.level === b.level;
  return b.kind === 'lesson' && a.lesson === b.lesson;
}

export interface GradeOptions {
  lessons: LessonLookup;
  lang?: Lang;
}

/** Grades one results file (its text) against the pack it should answer. */
export function gradeResults(pack: Pack, packId: string, file: string, text: string, options: GradeOptions): GradeRow {
  const loaded = parseResultsText(text);
  if (!loaded.ok) {
    const flags = loaded.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`);
    if (loaded.problems.length > 5) flags.push(`… and ${loaded.problems.length - 5} more problems`);
    return { file, learner: '', status: 'unreadable', exercises: pack.exercises.map((e) => ({ id: e.id, score: null, claimed: null, fixed: 0, of: 0 })), total: 0, flags };
  }
  const results = loaded.results;
  const flags: string[] = [];
  if (results.pack.id !== packId) flags.push(`results are for another pack (${results.pack.id.slice(0, 12)}…, this pack is ${packId.slice(0, 12)}…)`);
  const byId = new Map<string, ExerciseResult>();
  for (const e of results.exercises) {
    if (byId.has(e.id)) flags.push(`exercise "${e.id}" appears more than once; the first is graded`);
    else byId.set(e.id, e);
  }
  for (const e of results.exercises) {
    if (!pack.exercises.some((p) => p.id === e.id)) flags.push(`exercise "${e.id}" is not in this pack`);
  }
  const exercises: GradedExercise[] = pack.exercises.map((packExercise) => {
    const spec = specOf(packExercise);
    const result = byId.get(packExercise.id);
    if (!result) {
      flags.push(`exercise "${packExercise.id}" is missing`);
      return { id: packExercise.id, score: null, claimed: null, fixed: 0, of: 0 };
    }
    const where = `exercise "${packExercise.id}"`;
    // Always replay on what the pack set, whatever the file says it was.
    if (!sameSpec(spec, result)) flags.push(`${where}: the file says ${describeSpec(result)}, the pack set ${describeSpec(spec)}`);
    if (result.hintsUsed > 0 && !pack.hintsAllowed) flags.push(`${where}: ${result.hintsUsed} hint(s) used, but the pack allows none`);
    if (result.solutionShown && !pack.solutionsAllowed) flags.push(`${where}: the solution was shown, but the pack does not allow it`);
    const attempt = {
      transcript: result.transcript,
      submittedAt: result.submittedAt,
      hintsUsed: result.hintsUsed,
      solutionShown: result.solutionShown,
      ...(packExercise.timeLimitSeconds !== undefined ? { timeLimitSeconds: packExercise.timeLimitSeconds } : {}),
      // Replayed on the lab it was played on: a file from before versioning was played on version 1.
      ...(result.kind === 'challenge' ? { labVersion: result.lab ?? 1 } : {}),
    };
    let outcome;
    try {
      outcome = playExercise(spec, attempt, options.lessons, options.lang);
    } catch (error) {
      outcome = { error: `the replay failed: ${(error as Error).message}` };
    }
    if ('error' in outcome) {
      flags.push(`${where}: ${outcome.error}`);
      return { id: packExercise.id, score: null, claimed: result.claimedScore, fixed: 0, of: 0 };
    }
    for (const note of outcome.replay.inconsistencies) flags.push(`${where}: ${note.message}`);
    if (outcome.replay.overTime > 0) flags.push(`${where}: ${outcome.replay.overTime} command(s) after the time limit of ${packExercise.timeLimitSeconds} s were not counted`);
    if (outcome.score.total !== result.claimedScore) flags.push(`${where}: claims ${result.claimedScore} points, the replay gives ${outcome.score.total}`);
    return { id: packExercise.id, score: outcome.score.total, claimed: result.claimedScore, fixed: outcome.fixed, of: outcome.of };
  });
  const total = exercises.reduce((sum, e) => sum + (e.score ?? 0), 0);
  return { file, learner: results.learner, status: flags.length > 0 ? 'flagged' : 'ok', exercises, total, flags };
}

/** A CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The gradebook as CSV (RFC 4180, CRLF): one row per results file. */
export function gradebookCsv(pack: Pack, rows: readonly GradeRow[]): string {
  const header = ['file', 'learner', 'status', ...pack.exercises.map((e) => e.id), 'total', 'flags'];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const byId = new Map(row.exercises.map((e) => [e.id, e]));
    lines.push([row.file, row.learner, row.status, ...pack.exercises.map((e) => byId.get(e.id)?.score ?? null), row.total, row.flags.join('; ')].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
