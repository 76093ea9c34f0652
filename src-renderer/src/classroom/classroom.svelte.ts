// The classroom's state: the pack a learner works through (import, export,
// results file), and the instructor's gradebook (a pack plus many results
// files, graded by replay, sortable, exported as CSV).
import type { Lang } from '../../../src-sim/api.ts';
import { gradebookCsv, gradeResults, type GradeRow } from '../../../src-sim/challenge/grade.ts';
import type { JsonProblem } from '../../../src-sim/challenge/json-checker.ts';
import { parsePackText, type Pack } from '../../../src-sim/challenge/pack.ts';
import { makeResultsFile } from '../../../src-sim/challenge/results-make.ts';
import type { RecordedAttempt } from '../challenge/challenge-session.svelte.ts';
import { sortRows, type SortColumn } from './gradebook-sort.ts';
import { knownLessons, lessonLookup } from './lessons.ts';

export interface LoadedPack {
  pack: Pack;
  id: string;
  name: string;
  text: string;
}

export type PackLoad = { ok: true; loaded: LoadedPack } | { ok: false; file: string; problems: JsonProblem[] };

export function loadPack(name: string, text: string): PackLoad {
  const result = parsePackText(text, { knownLessons: knownLessons() });
  return result.ok ? { ok: true, loaded: { pack: result.pack, id: result.id, name, text } } : { ok: false, file: name, problems: result.problems };
}

/** File name for a results file: the learner's name with only safe characters. */
export function resultsFileName(learner: string): string {
  const safe = learner.normalize('NFKC').replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `results-${safe || 'learner'}.json`;
}

export function resultsText(loaded: LoadedPack, learner: string, attempts: Record<string, RecordedAttempt>, lang: Lang): string {
  const list = loaded.pack.exercises.flatMap((e) => {
    const a = attempts[e.id];
    return a ? [{ id: a.id, transcript: a.transcript, submittedAt: a.submittedAt, hintsUsed: a.hintsUsed, solutionShown: a.solutionShown }] : [];
  });
  return `${JSON.stringify(makeResultsFile(loaded.pack, loaded.id, learner.trim(), list, lessonLookup, lang), null, 1)}\n`;
}

export class Gradebook {
  pack = $state.raw<LoadedPack | null>(null);
  rows = $state.raw<GradeRow[]>([]);
  sort = $state.raw<{ column: SortColumn; direction: 1 | -1 }>({ column: { kind: 'file' }, direction: 1 });
  sorted = $derived(sortRows(this.rows, this.sort.column, this.sort.direction));

  setPack(loaded: LoadedPack): void {
    this.pack = loaded;
    this.rows = [];
  }

  /** Grades each file by replay; a file already imported (same name) is graded again and replaced. */
  addResults(files: ReadonlyArray<{ name: string; text: string }>, lang: Lang): void {
    const loaded = this.pack;
    if (!loaded) return;
    const graded = files.map((f) => gradeResults(loaded.pack, loaded.id, f.name, f.text, { lessons: lessonLookup, lang }));
    const names = graded.map((r) => r.file);
    this.rows = [...this.rows.filter((r) => !names.includes(r.file)), ...graded];
  }

  sortBy(column: SortColumn): void {
    const same = JSON.stringify(column) === JSON.stringify(this.sort.column);
    this.sort = { column, direction: same ? (this.sort.direction === 1 ? -1 : 1) : column.kind === 'file' || column.kind === 'learner' ? 1 : -1 };
  }

  csv(): string {
    return this.pack ? gradebookCsv(this.pack.pack, this.sorted) : '';
  }
}
