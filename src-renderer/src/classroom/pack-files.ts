// Pack and results files in the classroom: loading a pack (with the
// curriculum's lesson ids), naming and writing a learner's results file.
import type { Lang } from '../../../src-sim/session/index.ts';
import type { Problem } from '../../../src-sim/session/index.ts';
import { parsePackText, type Pack } from '../../../src-sim/session/index.ts';
import { makeResultsFile } from '../../../src-sim/session/index.ts';
import type { RecordedAttempt } from '../challenge/challenge-session.svelte.ts';
import { knownLessons, lessonLookup } from './lessons.ts';

export interface LoadedPack {
  pack: Pack;
  id: string;
  name: string;
  text: string;
}

export type PackLoad = { ok: true; loaded: LoadedPack } | { ok: false; file: string; problems: Problem[] };

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
