// The classroom's state: the pack a learner works through (import, export,
// results file), and the instructor's gradebook (a pack plus many results
// files, graded by replay, sortable, exported as CSV), kept in the document
// store so a reload shows it again, and saved to or opened from a file.
import type { Lang } from '../../../src-sim/session/index.ts';
import { classStats, classStatsCsv, crossCheckRows, gradebookCsv, gradebookFileText, gradeResults, parseResultsText, savedGradebook, validateGradebook, validateResults, type GradeRow, type ResultsFile, type SavedGradebook } from '../../../src-sim/session/index.ts';
import { documentStore } from '../storage/index.ts';
import { sortRows, type SortColumn } from './gradebook-sort.ts';
import { knownLessons, lessonLookup } from './lessons.ts';
import type { LoadedPack } from './pack-files.ts';

export { loadPack, resultsFileName, resultsText, type LoadedPack, type PackLoad } from './pack-files.ts';

/** The document the gradebook is kept under (storage/keys.ts rules). */
export const GRADEBOOK_KEY = 'gradebook';
/** The learners' transcripts, kept beside it: the gradebook format holds grades only. */
export const TRANSCRIPTS_KEY = 'gradebook-transcripts';

interface KeptTranscripts {
  /** The pack they answer: transcripts of another pack's gradebook are not shown. */
  packId: string;
  files: Record<string, ResultsFile>;
}

/** A kept transcripts document, each file validated as a results file is; throws with what is wrong. */
export function restoredTranscripts(raw: unknown): KeptTranscripts {
  const doc = raw as Partial<KeptTranscripts> | null;
  if (typeof doc !== 'object' || doc === null || typeof doc.packId !== 'string' || typeof doc.files !== 'object' || doc.files === null) throw new Error('expected { packId, files }');
  const files: Record<string, ResultsFile> = {};
  for (const [name, value] of Object.entries(doc.files)) {
    const read = validateResults(value);
    if (!read.ok) throw new Error(`${name}: ${read.problems[0]?.path}: ${read.problems[0]?.message}`);
    files[name] = read.results;
  }
  return { packId: doc.packId, files };
}

/** A gradebook document (stored or a file) as the app can show it, or why not; a file's transcripts with it. */
export function restoredGradebook(raw: unknown): { pack: LoadedPack; rows: GradeRow[]; transcripts: Record<string, ResultsFile> } {
  const loaded = validateGradebook(raw, { knownLessons: knownLessons() });
  if (!loaded.ok) throw new Error(loaded.problems.slice(0, 5).map((p) => `${p.path}: ${p.message}`).join('; '));
  const { name, text } = loaded.gradebook.pack;
  return { pack: { pack: loaded.pack, id: loaded.packId, name, text }, rows: loaded.gradebook.rows, transcripts: loaded.gradebook.transcripts ?? {} };
}

export class Gradebook {
  pack = $state.raw<LoadedPack | null>(null);
  rows = $state.raw<GradeRow[]>([]);
  sort = $state.raw<{ column: SortColumn; direction: 1 | -1 }>({ column: { kind: 'file' }, direction: 1 });
  sorted = $derived(sortRows(this.rows, this.sort.column, this.sort.direction));
  stats = $derived(this.pack ? classStats(this.pack.pack, this.rows) : []);
  /**
   * What each learner typed, by file name, from the results files imported; kept in a document of
   * its own beside the gradebook (when the store can hold it: at most 4 MiB).
   */
  transcripts = $state.raw<Readonly<Record<string, ResultsFile>>>({});
  /** Each file's row as graded on its own; `rows` adds the class checks. */
  #graded: GradeRow[] = [];
  /** The last grading run on this page: how many files, and its wall time in seconds (shown to the teacher). */
  lastRun = $state.raw<{ files: number; seconds: number } | null>(null);

  setPack(loaded: LoadedPack): void {
    this.transcripts = {};
    this.#show(loaded, []);
  }

  /** Grades each file by replay; a file already imported (same name) is graded again and replaced. */
  addResults(files: ReadonlyArray<{ name: string; text: string }>, lang: Lang): void {
    const loaded = this.pack;
    if (!loaded) return;
    const started = performance.now();
    const graded = files.map((f) => gradeResults(loaded.pack, loaded.id, f.name, f.text, { lessons: lessonLookup, lang }));
    const names = graded.map((r) => r.file);
    const transcripts = { ...this.transcripts };
    for (const f of files) {
      const read = parseResultsText(f.text);
      if (read.ok) transcripts[f.name] = read.results;
      else delete transcripts[f.name];
    }
    this.transcripts = transcripts;
    // Cross-file flags are recomputed from each file's own grading, so a replaced file takes its flags with it.
    this.#show(loaded, [...this.#graded.filter((r) => !names.includes(r.file)), ...graded]);
    this.lastRun = { files: files.length, seconds: (performance.now() - started) / 1000 };
  }

  /** A saved gradebook file: its pack, rows and the transcripts it keeps replace what is shown. */
  open(raw: unknown): void {
    const { pack, rows, transcripts } = restoredGradebook(raw);
    this.transcripts = transcripts;
    this.#show(pack, rows);
  }

  #show(pack: LoadedPack, graded: GradeRow[]): void {
    this.pack = pack;
    this.#graded = graded;
    this.rows = crossCheckRows(graded);
  }

  /** What the store keeps (the transcripts are a document of their own there); null with no pack. */
  document(): SavedGradebook | null {
    return this.pack ? savedGradebook(this.pack.name, this.pack.text, this.#graded) : null;
  }

  /** A gradebook file: with the transcripts when they fit (`transcripts` says whether they did); null with no pack. */
  fileText(): { text: string; transcripts: boolean } | null {
    return this.pack ? gradebookFileText(this.pack.name, this.pack.text, this.#graded, this.transcripts) : null;
  }

  /** Shows the stored gradebook; what went wrong as text, or null. A corrupt one is kept aside by the store. */
  async restore(): Promise<{ keptAs: string; message: string } | null> {
    const store = await documentStore();
    const result = await store.load(GRADEBOOK_KEY, restoredGradebook);
    // A pack imported while the store was being read wins.
    if (result.status === 'ok' && !this.pack) {
      this.#show(result.value.pack, result.value.rows);
      const kept = await store.load(TRANSCRIPTS_KEY, restoredTranscripts);
      if (kept.status === 'ok' && kept.value.packId === result.value.pack.id && Object.keys(this.transcripts).length === 0) this.transcripts = kept.value.files;
      if (kept.status === 'corrupt') return { keptAs: kept.keptAs, message: kept.message };
    }
    return result.status === 'corrupt' ? { keptAs: result.keptAs, message: result.message } : null;
  }

  /** Keeps the gradebook across reloads (rejects with the store's message: too large, disk full). */
  async keep(): Promise<void> {
    const document = this.document();
    if (document) await (await documentStore()).save(GRADEBOOK_KEY, document);
  }

  /** Keeps the transcripts beside it (rejects with the store's message, e.g. too large: the grades are kept all the same). */
  async keepTranscripts(): Promise<void> {
    if (this.pack) await (await documentStore()).save(TRANSCRIPTS_KEY, { packId: this.pack.id, files: this.transcripts } satisfies KeptTranscripts);
  }

  sortBy(column: SortColumn): void {
    const same = JSON.stringify(column) === JSON.stringify(this.sort.column);
    this.sort = { column, direction: same ? (this.sort.direction === 1 ? -1 : 1) : column.kind === 'file' || column.kind === 'learner' ? 1 : -1 };
  }

  csv(lang: Lang): string {
    return this.pack ? gradebookCsv(this.pack.pack, this.sorted, lang) : '';
  }

  statsCsv(): string {
    return this.pack ? classStatsCsv(this.pack.pack, this.rows) : '';
  }
}
