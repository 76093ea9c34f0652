// The classroom's state: the pack a learner works through (import, export,
// results file), and the instructor's gradebook (a pack plus many results
// files, graded by replay, sortable, exported as CSV).
import type { Lang } from '../../../src-sim/session/index.ts';
import { crossCheckRows, gradebookCsv, gradeResults, type GradeRow } from '../../../src-sim/session/index.ts';
import { sortRows, type SortColumn } from './gradebook-sort.ts';
import { lessonLookup } from './lessons.ts';
import type { LoadedPack } from './pack-files.ts';

export { loadPack, resultsFileName, resultsText, type LoadedPack, type PackLoad } from './pack-files.ts';

export class Gradebook {
  pack = $state.raw<LoadedPack | null>(null);
  rows = $state.raw<GradeRow[]>([]);
  sort = $state.raw<{ column: SortColumn; direction: 1 | -1 }>({ column: { kind: 'file' }, direction: 1 });
  sorted = $derived(sortRows(this.rows, this.sort.column, this.sort.direction));
  #graded: GradeRow[] = [];

  setPack(loaded: LoadedPack): void {
    this.pack = loaded;
    this.#graded = [];
    this.rows = [];
  }

  /** Grades each file by replay; a file already imported (same name) is graded again and replaced. */
  addResults(files: ReadonlyArray<{ name: string; text: string }>, lang: Lang): void {
    const loaded = this.pack;
    if (!loaded) return;
    const graded = files.map((f) => gradeResults(loaded.pack, loaded.id, f.name, f.text, { lessons: lessonLookup, lang }));
    const names = graded.map((r) => r.file);
    // Cross-file flags are recomputed from each file's own grading, so a replaced file takes its flags with it.
    this.#graded = [...this.#graded.filter((r) => !names.includes(r.file)), ...graded];
    this.rows = crossCheckRows(this.#graded);
  }

  sortBy(column: SortColumn): void {
    const same = JSON.stringify(column) === JSON.stringify(this.sort.column);
    this.sort = { column, direction: same ? (this.sort.direction === 1 ? -1 : 1) : column.kind === 'file' || column.kind === 'learner' ? 1 : -1 };
  }

  csv(lang: Lang): string {
    return this.pack ? gradebookCsv(this.pack.pack, this.sorted, lang) : '';
  }
}
