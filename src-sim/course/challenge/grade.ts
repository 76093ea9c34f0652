// Grading by replay: every exercise of a results file is replayed on a fresh
// deterministic lab and scored again; the file's claims are compared with
// what the replay shows. Nothing in a results file is trusted, and no
// results file, however broken, makes grading throw. In an exam each file is
// replayed on its learner's own variant, drawn from the teacher's secret
// (exam.ts). What replay cannot vouch for goes in a column of its own
// (`unverified`), so a teacher sees what a "confirmed" rests on.
import type { Lang } from '../../api.ts';
import { t } from '../../i18n/catalogue.ts';
import { canonicalJson } from './canonical-json.ts';
import { learnerVariant } from './exam.ts';
import { playExercise, type ExerciseSpec, type LessonLookup } from './exercise.ts';
import { isExam, type Pack, type PackExercise } from './pack.ts';
import { parseResultsText, type ExerciseResult, type RevealEvent } from './results.ts';
import { sha256Hex } from './sha256.ts';

/** Nobody types a command a second: an exercise submitted faster has timestamps the replay cannot vouch for. */
export const MIN_SECONDS_PER_COMMAND = 1;
/**
 * Two files with the same commands (at least this many, in the same order) are flagged as shared work.
 * Fewer can be typed alike by two honest learners with the same faults; the same commands at the same
 * times (to the microsecond) cannot, whatever their number.
 */
export const SHARED_TRANSCRIPT_MIN_COMMANDS = 6;

export interface GradedExercise {
  id: string;
  /** Recomputed by the replay; null when the exercise is missing or could not run. */
  score: number | null;
  claimed: number | null;
  fixed: number;
  of: number;
  /** What the class statistics count (absent in gradebooks saved before them). */
  detail?: ExerciseDetail;
}

/** One learner's exercise as the replay saw it, for the class statistics. */
export interface ExerciseDetail {
  /** Commands the file records (0: opened, nothing typed). */
  commands: number;
  /** Virtual seconds from the start to submission, as replayed. */
  seconds: number;
  /** Hints charged (the larger of the count and the events). */
  hints: number;
  solutionShown: boolean;
  /** Notes of the `unverified` column about this exercise. */
  unverified: number;
}

/** confirmed: every claim matches the replay; flagged: something does not; unreadable: not a results file. */
export type GradeStatus = 'confirmed' | 'flagged' | 'unreadable';

export interface GradeRow {
  file: string;
  learner: string;
  status: GradeStatus;
  exercises: GradedExercise[];
  /** Sum of the recomputed scores. */
  total: number;
  flags: string[];
  /** What the replay cannot vouch for in this file (it does not change the status). */
  unverified: string[];
  /** Exercise id → fingerprints of its commands with their times, and without (long transcripts only), for finding shared work across files. */
  fingerprints: Record<string, { timed: string; commands?: string }>;
}

/** What the pack set, to replay on. In an exam: the learner's own variant; null when the learner has none. */
function specOf(pack: Pack, exercise: PackExercise, learner: string): ExerciseSpec | null {
  if (exercise.kind === 'lesson') return { kind: 'lesson', lesson: exercise.lesson };
  if (!isExam(pack)) return { kind: 'challenge', seed: exercise.seed ?? 0, level: exercise.level };
  if (!pack.exam.learners.includes(learner)) return null;
  const variant = learnerVariant(pack.exam, learner, exercise.id);
  return { kind: 'challenge', seed: variant.seed, level: exercise.level, labSeed: variant.labSeed };
}

/** `hideSeed`: an exam's variant seed is never printed (a learner may read the gradebook). */
function describeSpec(e: ExerciseSpec | ExerciseResult, hideSeed: boolean): string {
  if (e.kind === 'lesson') return `lesson "${e.lesson}"`;
  return hideSeed || e.seed === undefined ? `level ${e.level}` : `seed ${e.seed} level ${e.level}`;
}

function sameSpec(a: ExerciseSpec, b: ExerciseResult, exam: boolean): boolean {
  if (a.kind === 'challenge') return b.kind === 'challenge' && a.level === b.level && (exam ? b.seed === undefined : a.seed === b.seed);
  return b.kind === 'lesson' && a.lesson === b.lesson;
}

function count(events: readonly RevealEvent[] | undefined, kind: RevealEvent['event']): number {
  return events?.filter((e) => e.event === kind).length ?? 0;
}

function emptyExercises(pack: Pack): GradedExercise[] {
  return pack.exercises.map((e) => ({ id: e.id, score: null, claimed: null, fixed: 0, of: 0 }));
}

/** A gradebook row for a file that could not be graded at all. */
export function ungradedRow(pack: Pack, file: string, status: GradeStatus, flags: string[]): GradeRow {
  return { file, learner: '', status, exercises: emptyExercises(pack), total: 0, flags, unverified: [], fingerprints: {} };
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
    return ungradedRow(pack, file, 'unreadable', flags);
  }
  const results = loaded.results;
  const exam = isExam(pack);
  const flags: string[] = [];
  const unverified: string[] = [];
  const fingerprints: GradeRow['fingerprints'] = {};
  if (exam && !pack.exam.learners.includes(results.learner)) flags.push(`learner ${JSON.stringify(results.learner)} is not on this exam's roster: there is no variant to replay the file on`);
  if (!exam) {
    // Only an exam ties a file to its learner's own variant; a practice pack's reveals can be left out of a file undetected.
    unverified.push('identity: typed by the learner (not an exam)');
    if (pack.hintsAllowed || pack.solutionsAllowed) unverified.push('hints and solutions: as the file records them (practice pack)');
  }
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
    const spec = specOf(pack, packExercise, results.learner);
    const result = byId.get(packExercise.id);
    if (!result) {
      flags.push(`exercise "${packExercise.id}" is missing`);
      return { id: packExercise.id, score: null, claimed: null, fixed: 0, of: 0 };
    }
    const where = `exercise "${packExercise.id}"`;
    const commands = result.transcript.map((c) => [c.host, c.run]);
    if (commands.length > 0) {
      fingerprints[packExercise.id] = {
        timed: sha256Hex(canonicalJson(result.transcript.map((c) => [c.t, c.host, c.run]))),
        ...(commands.length >= SHARED_TRANSCRIPT_MIN_COMMANDS ? { commands: sha256Hex(canonicalJson(commands)) } : {}),
      };
    }
    if (!spec) return { id: packExercise.id, score: null, claimed: result.claimedScore, fixed: 0, of: 0 };
    // Always replay on what the pack set, whatever the file says it was.
    if (!sameSpec(spec, result, exam)) {
      const seed = result.kind === 'challenge' && result.seed !== undefined && exam ? ` (an exam gives learners no seed: seed ${result.seed} is from another pack)` : '';
      flags.push(`${where}: the file says ${describeSpec(result, false)}, the pack set ${describeSpec(spec, exam)}${seed}`);
    }
    // The events are the record of each reveal; the counts must agree with them, and the larger is charged.
    const hintEvents = count(result.events, 'hint');
    const solutionEvents = count(result.events, 'solution');
    if (result.events && hintEvents !== result.hintsUsed) flags.push(`${where}: hintsUsed says ${result.hintsUsed}, the file records ${hintEvents} hint event(s)`);
    if (result.events && solutionEvents > 0 !== result.solutionShown) flags.push(`${where}: solutionShown says ${result.solutionShown}, the file records ${solutionEvents} solution event(s)`);
    const hintsUsed = Math.max(result.hintsUsed, hintEvents);
    const solutionShown = result.solutionShown || solutionEvents > 0;
    if (hintsUsed > 0 && !pack.hintsAllowed) flags.push(`${where}: ${hintsUsed} hint(s) used, but the pack allows none`);
    if (solutionShown && !pack.solutionsAllowed) flags.push(`${where}: the solution was shown, but the pack does not allow it`);
    const attempt = {
      transcript: result.transcript,
      submittedAt: result.submittedAt,
      hintsUsed,
      solutionShown,
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
    const elapsed = outcome.replay.elapsedSeconds;
    const notes = unverified.length;
    if (outcome.score.speed > 0 && elapsed < MIN_SECONDS_PER_COMMAND * result.transcript.length) {
      unverified.push(`${where}: speed: ${result.transcript.length} command(s) in ${elapsed.toFixed(3)} s, faster than anyone types; its ${outcome.score.speed} speed points rest on timestamps the learner's app wrote`);
    }
    const detail: ExerciseDetail = { commands: result.transcript.length, seconds: elapsed, hints: hintsUsed, solutionShown, unverified: unverified.length - notes };
    return { id: packExercise.id, score: outcome.score.total, claimed: result.claimedScore, fixed: outcome.fixed, of: outcome.of, detail };
  });
  const total = exercises.reduce((sum, e) => sum + (e.score ?? 0), 0);
  return { file, learner: results.learner, status: flags.length > 0 ? 'flagged' : 'confirmed', exercises, total, flags, unverified, fingerprints };
}

/**
 * Checks across a class's files, once each file is graded on its own: two
 * files with the same commands for an exercise (shared work, or one learner's
 * file renamed), and a learner with more than one file. Returns the rows
 * with these flags added.
 */
export function crossCheckRows(rows: readonly GradeRow[]): GradeRow[] {
  const byFingerprint = new Map<string, GradeRow[]>();
  const byLearner = new Map<string, GradeRow[]>();
  const group = (key: string, row: GradeRow) => byFingerprint.set(key, [...(byFingerprint.get(key) ?? []), row]);
  for (const row of rows) {
    for (const [id, print] of Object.entries(row.fingerprints)) {
      group(`timed\0${id}\0${print.timed}`, row);
      if (print.commands) group(`commands\0${id}\0${print.commands}`, row);
    }
    if (row.learner !== '') byLearner.set(row.learner, [...(byLearner.get(row.learner) ?? []), row]);
  }
  const extra = new Map<GradeRow, string[]>();
  const add = (row: GradeRow, flag: string) => extra.set(row, [...(extra.get(row) ?? []), flag]);
  // Timed matches first: a pair found with its times is not reported again without them.
  const reported = new Set<string>();
  for (const [key, same] of [...byFingerprint].sort(([a], [b]) => (a.startsWith('timed') ? 0 : 1) - (b.startsWith('timed') ? 0 : 1))) {
    if (same.length < 2) continue;
    const [kind, id] = key.split('\0') as [string, string];
    for (const row of same) {
      const others = same.filter((r) => r !== row && !reported.has(`${id}\0${rows.indexOf(row)}\0${rows.indexOf(r)}`));
      for (const other of others) reported.add(`${id}\0${rows.indexOf(row)}\0${rows.indexOf(other)}`);
      if (others.length === 0) continue;
      const names = others.map((r) => `${r.file} (${JSON.stringify(r.learner)})`).join(', ');
      add(row, kind === 'timed' ? `exercise "${id}": the same commands at the same times as ${names}` : `exercise "${id}": the same commands, in the same order, as ${names}`);
    }
  }
  for (const [learner, same] of byLearner) {
    if (same.length < 2) continue;
    for (const row of same) add(row, `learner ${JSON.stringify(learner)} also sent ${same.filter((r) => r !== row).map((r) => r.file).join(', ')}`);
  }
  return rows.map((row) => {
    const flags = extra.get(row);
    return flags ? { ...row, flags: [...row.flags, ...flags], status: row.status === 'unreadable' ? row.status : 'flagged' } : row;
  });
}

/** A CSV field: quoted when needed; a leading = + - @ is defused so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A row's status in the words the gradebook shows on screen. */
export function statusText(status: GradeStatus, lang: Lang): string {
  return t(lang, `classroom.status.${status}`);
}

/** The gradebook as CSV (RFC 4180, CRLF): one row per results file; the status in the screen's words. */
export function gradebookCsv(pack: Pack, rows: readonly GradeRow[], lang: Lang = 'en'): string {
  const header = ['file', 'learner', 'status', ...pack.exercises.map((e) => e.id), 'total', 'flags', 'unverified'];
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) {
    const byId = new Map(row.exercises.map((e) => [e.id, e]));
    lines.push([row.file, row.learner, statusText(row.status, lang), ...pack.exercises.map((e) => byId.get(e.id)?.score ?? null), row.total, row.flags.join('; '), row.unverified.join('; ')].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
