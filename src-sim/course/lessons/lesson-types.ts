// A lesson is data (JSON under curriculum/), never code: a working lab, the
// commands that break it, the goal, the checks that decide, hints in levels,
// a reference solution and a debrief with the kernel rule behind it.
import type { Scenario } from '../../scenario/types.ts';
import type { Check, LocalText } from './check-types.ts';

export const LESSON_FORMAT = 'lvs-dr-lab/lesson@1';

/** Another way to answer the lesson, used by the tests (and, for wrong ones, by the debrief). */
export interface LessonVariant {
  /** Commands-file lines. */
  commands: string[];
  /** What this variant is and why it works or does not. */
  note: LocalText;
}

export interface Lesson {
  format: typeof LESSON_FORMAT;
  /** Stable id, e.g. "arp-ignore"; the CLI and saved progress use it. */
  id: string;
  /** Position in the curriculum. */
  order: number;
  title: LocalText;
  /** One line for the lesson list. */
  summary: LocalText;
  /** The working lab; its steps set it up (ipvsadm rules) and run before the break. */
  lab: Scenario;
  seed: number;
  /** Commands-file lines that break the lab; the learner does not see them. */
  break: string[];
  /** What the learner has to achieve, in their words (the symptom, not the cause). */
  goal: LocalText;
  checks: Check[];
  /** Level 1 points at where to look; the last one nearly gives the answer. */
  hints: LocalText[];
  /** Commands-file lines of the reference solution. */
  solution: string[];
  /** Other valid fixes: each must pass every check. */
  otherFixes: LessonVariant[];
  /** Plausible fixes that are wrong: each must fail at least one check. */
  wrongFixes: LessonVariant[];
  /** The kernel rule behind it; cites the reference's sections. Paragraphs separated by blank lines. */
  debrief: LocalText;
  /** Sections of linux-arp-ipvs-semantics.md this lesson rests on, e.g. "§2", "§9.3", "E1". */
  references: string[];
}
