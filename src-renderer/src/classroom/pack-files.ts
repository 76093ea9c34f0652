// Pack and results files in the classroom: loading a pack (with the
// curriculum's lesson ids), naming and writing a learner's results file.
import type { Lang } from '../../../src-sim/session/index.ts';
import type { Problem } from '../../../src-sim/session/index.ts';
import { parsePackText, type Pack } from '../../../src-sim/session/index.ts';
import {
  csvField,
  isExam,
  LEARNER_EXAM_FORMAT,
  makeExamResultsFile,
  makeLearnerExam,
  makeResultsFile,
  parseLearnerExamText,
  unlockExam,
  type LearnerExam,
  type SealedLab,
} from '../../../src-sim/session/index.ts';
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
    return a ? [attemptOf(a)] : [];
  });
  return `${JSON.stringify(makeResultsFile(loaded.pack, loaded.id, learner.trim(), list, lessonLookup, lang), null, 1)}\n`;
}

function attemptOf(a: RecordedAttempt) {
  return { id: a.id, transcript: a.transcript, events: a.events, submittedAt: a.submittedAt, hintsUsed: a.hintsUsed, solutionShown: a.solutionShown };
}

/** A learner's exam opened with their code: the exam, who they are, their labs. */
export interface OpenedExam {
  exam: LearnerExam;
  name: string;
  learner: string;
  labs: SealedLab[];
}

export type ExamLoad = { ok: true; exam: LearnerExam; name: string } | { ok: false; file: string; problems: Problem[] };

/** A learner's exam pack (format lvs-dr-lab/exam@1), by its format, else null. */
export function loadLearnerExam(name: string, text: string): ExamLoad | null {
  if (!text.includes(LEARNER_EXAM_FORMAT)) return null;
  const result = parseLearnerExamText(text);
  if (result.ok) return { ok: true, exam: result.exam, name };
  // Only a file that says it is an exam is reported as one; anything else is read as a pack.
  return result.problems.some((p) => p.path === '$.format') ? null : { ok: false, file: name, problems: result.problems };
}

/** The learner's labs, or null when the code is not theirs. */
export function openExam(exam: LearnerExam, name: string, learner: string, code: string): OpenedExam | null {
  const labs = unlockExam(exam, learner, code);
  return labs ? { exam, name, learner, labs } : null;
}

export function examResultsText(opened: OpenedExam, attempts: Record<string, RecordedAttempt>, lang: Lang): string {
  const list = opened.exam.exercises.flatMap((e) => {
    const a = attempts[e.id];
    return a ? [attemptOf(a)] : [];
  });
  return `${JSON.stringify(makeExamResultsFile(opened.exam, opened.labs, opened.learner, list, lang), null, 1)}\n`;
}

/** The learners' pack and the codes (CSV) of a teacher's exam. */
export function learnerExamFiles(loaded: LoadedPack): { pack: string; codes: string } | null {
  if (!isExam(loaded.pack)) return null;
  const made = makeLearnerExam(loaded.pack, loaded.id);
  return {
    pack: `${JSON.stringify(made.exam, null, 1)}\n`,
    codes: `learner,code\r\n${made.codes.map((c) => `${csvField(c.learner)},${c.code}`).join('\r\n')}\r\n`,
  };
}

/** A teacher's exam as its first learner will see it: the learners' pack made and opened with that learner's code. */
export function previewExam(loaded: LoadedPack): OpenedExam | null {
  if (!isExam(loaded.pack)) return null;
  const made = makeLearnerExam(loaded.pack, loaded.id);
  const first = made.codes[0];
  return first ? openExam(made.exam, loaded.name, first.learner, first.code) : null;
}
