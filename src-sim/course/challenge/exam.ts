// Exams that hold. The teacher's pack (pack.ts, with its "exam" block) keeps a
// secret and the roster; from them each learner gets their own variant of
// every exercise (exam-keys.ts: faults drawn from HMAC(secret, learner,
// exercise)) and a code. The learner's pack, made from the teacher's, carries
// for each learner their broken labs sealed under their code — the setup
// that breaks the lab and the checks that say when it is fixed — and never
// the secret, a seed or anything the shipped generator could start from; no
// hints and no solutions either. The app opens a learner's labs with their
// code and shows a ticket that names no fault, so the free Challenge tab
// cannot be matched to an exam by its ticket. The grader regenerates each
// learner's variant from the teacher's pack (grade.ts), never from a file.
//
// {
//   "format": "lvs-dr-lab/exam@1",
//   "exam": "<the teacher pack's id>",
//   "title": { "en": "Final" }, "instructions": { "en": "…" },
//   "exercises": [ { "id": "ticket-1", "level": 2, "timeLimitSeconds": 900 } ],
//   "learners": [ { "learner": "wang-wei", "sealed": "<hex>", "tag": "<hex>" } ]
// }
//
// What the seal does not do: a learner who runs the decryption with their own
// code outside the app reads their own lab's breaking commands; that, and a
// learner handing over their code, only the exam room prevents (docs/classroom.md).
import * as v from 'valibot';
import { crossCheck, expecting, format, integer, isObject, list, matching, parseAndValidate, strictObject, text, type CrossProblem, type Problem } from '../../schema/problems.ts';
import { stepsFromLines } from '../lessons/commands-file.ts';
import { challengeLab, CHALLENGE_LAB_VERSION, SERVICE_PORT, VIP } from './base-lab.ts';
import { canonicalJson } from './canonical-json.ts';
import { examVariant, learnerCode, seal, unseal, type Variant } from './exam-keys.ts';
import type { Text } from './faults.ts';
import { generateChallenge, type Challenge, type ChallengeFault } from './generate.ts';
import { LEVELS, MAX_LEVEL, MIN_LEVEL, type Level } from './levels.ts';
import { exerciseId, LEARNER_ID_RE, PACK_LIMITS, type ExamKeys, type LocalText, type Pack } from './pack.ts';
import { sha256Hex } from './sha256.ts';
import { fillTemplate } from '../../i18n/template.ts';

export const LEARNER_EXAM_FORMAT = 'lvs-dr-lab/exam@1';
export const LEARNER_EXAM_LIMITS = { bytes: 8 * 1024 * 1024, sealedChars: 64 * 1024 } as const;

export interface ExamExercise {
  id: string;
  level: Level;
  timeLimitSeconds?: number;
}

export interface LearnerExam {
  format: typeof LEARNER_EXAM_FORMAT;
  /** The teacher pack's id: results files name it. */
  exam: string;
  title: LocalText;
  instructions?: LocalText;
  exercises: ExamExercise[];
  learners: Array<{ learner: string; sealed: string; tag: string }>;
}

/** One exercise's broken lab as sealed for its learner: what booting and checking it needs, no seed. */
export interface SealedLab {
  id: string;
  lab: number;
  labSeed: number;
  faults: Array<{ break: string[]; detect: Record<string, unknown>[] }>;
}

/** An exam's exercises: its challenges (validation allows no others). */
export function examExercises(pack: Pack): ExamExercise[] {
  return pack.exercises.flatMap((e) => (e.kind === 'challenge' ? [{ id: e.id, level: e.level, ...(e.timeLimitSeconds !== undefined ? { timeLimitSeconds: e.timeLimitSeconds } : {}) }] : []));
}

/** The learner's variant of an exercise: the seeds only the teacher's pack can give. */
export function learnerVariant(keys: ExamKeys, learner: string, exercise: string): Variant {
  return examVariant(keys.secret, learner, exercise);
}

/** The learner's challenge for an exercise, as the teacher (and the grader) sees it. */
export function variantChallenge(keys: ExamKeys, learner: string, exercise: ExamExercise, labVersion: number = CHALLENGE_LAB_VERSION): Challenge {
  const variant = learnerVariant(keys, learner, exercise.id);
  return { ...generateChallenge(variant.seed, exercise.level, labVersion), labSeed: variant.labSeed };
}

function sealedLab(challenge: Challenge, id: string): SealedLab {
  return {
    id,
    lab: challenge.labVersion,
    labSeed: challenge.labSeed,
    // Check ids renamed: the catalog's ids would name the faults.
    faults: challenge.faults.map((f, i) => ({ break: f.break, detect: f.detect.map((check, j) => ({ ...check, id: `fault${i + 1}-${j + 1}` })) })),
  };
}

/** The learner's pack and each learner's code, from the teacher's pack (an exam) and its id. */
export function makeLearnerExam(pack: Pack & { exam: ExamKeys }, packId: string): { exam: LearnerExam; codes: Array<{ learner: string; code: string }> } {
  const exercises = examExercises(pack);
  const codes = pack.exam.learners.map((learner) => ({ learner, code: learnerCode(pack.exam.secret, learner) }));
  const learners = codes.map(({ learner, code }) => {
    const labs = exercises.map((e) => sealedLab(variantChallenge(pack.exam, learner, e), e.id));
    return { learner, ...seal(canonicalJson(labs), code, packId, learner) };
  });
  const exam: LearnerExam = {
    format: LEARNER_EXAM_FORMAT,
    exam: packId,
    title: pack.title,
    ...(pack.instructions ? { instructions: pack.instructions } : {}),
    exercises,
    learners,
  };
  return { exam, codes };
}

const localText = (max: number) => strictObject({ en: v.optional(text(max, 1)), 'zh-CN': v.optional(text(max, 1)) }, 'an object with "en" and/or "zh-CN" texts');
const hex = (what: string, max: number, exact?: number) =>
  expecting(matching(exact ? new RegExp(`^[0-9a-f]{${exact}}$`) : /^(?:[0-9a-f]{2})*$/, () => `expected ${exact ?? 'an even number of'} lower-case hex digits`, max), what);

function duplicateLearners(learners: unknown): CrossProblem[] {
  if (!Array.isArray(learners)) return [];
  const seen = new Set<unknown>();
  return learners.flatMap((l, i) => {
    const id = isObject(l) ? l['learner'] : undefined;
    return seen.has(id) ? [{ path: [i, 'learner'], message: `duplicate learner id ${JSON.stringify(id)}` }] : (seen.add(id), []);
  });
}

const learnerExamSchema = strictObject({
  format: format(LEARNER_EXAM_FORMAT),
  exam: hex('the teacher pack\'s id', 64, 64),
  title: localText(PACK_LIMITS.titleChars),
  instructions: v.optional(localText(PACK_LIMITS.instructionsChars)),
  exercises: list(
    strictObject({ id: exerciseId, level: integer(MIN_LEVEL, MAX_LEVEL), timeLimitSeconds: v.optional(integer(PACK_LIMITS.minTimeLimitSeconds, PACK_LIMITS.maxTimeLimitSeconds)) }),
    PACK_LIMITS.exercises,
    1,
  ),
  learners: v.pipe(
    list(
      strictObject({
        learner: expecting(v.pipe(text(60, 1), v.regex(LEARNER_ID_RE, (issue) => `invalid learner id ${JSON.stringify(issue.input)}`)), 'a learner id'),
        sealed: hex('a sealed lab', LEARNER_EXAM_LIMITS.sealedChars),
        tag: hex('the seal\'s tag', 64, 64),
      }),
      PACK_LIMITS.learners,
      1,
    ),
    crossCheck(duplicateLearners),
  ),
});

export type LearnerExamLoad = { ok: true; exam: LearnerExam; id: string } | { ok: false; problems: Problem[] };

/** Parses a learner's exam pack; `id` is its own identity (SHA-256 of its canonical JSON). */
export function parseLearnerExamText(text: string): LearnerExamLoad {
  const result = parseAndValidate(learnerExamSchema, text, LEARNER_EXAM_LIMITS.bytes, 'the exam pack');
  if (!result.ok) return result;
  const exam = result.value as LearnerExam;
  return { ok: true, exam, id: sha256Hex(canonicalJson(exam)) };
}

/** The learner's broken labs, or null when the code is not theirs. */
export function unlockExam(exam: LearnerExam, learner: string, code: string): SealedLab[] | null {
  const box = exam.learners.find((l) => l.learner === learner);
  if (!box) return null;
  const text = unseal(box, code, exam.exam, learner);
  if (text === null) return null;
  try {
    // Authenticated by the tag: this is the teacher's app's own output.
    const labs = JSON.parse(text) as SealedLab[];
    return Array.isArray(labs) ? labs : null;
  } catch {
    return null;
  }
}

const FAULT_TITLE: Text = { en: 'Fault {n}', 'zh-CN': '故障 {n}' };
const EXAM_TICKET: Text = {
  en: 'Exam ticket: users report that the service at {vip}:{port} misbehaves. {count} things are wrong in this lab. Find and fix them all without breaking what works.',
  'zh-CN': '考试工单：用户报告 {vip}:{port} 上的服务工作不正常。这个实验环境里有 {count} 处问题。找出并全部修复，不要破坏正常的部分。',
};

function fill(text: Text, params: Record<string, string>): Text {
  return { en: fillTemplate(text.en, params), 'zh-CN': fillTemplate(text['zh-CN'], params) };
}

/** The ticket of an exam exercise: it names no fault, so no free challenge can be found by its ticket. */
export function examTicket(faults: number): Text {
  return fill(EXAM_TICKET, { vip: VIP, port: String(SERVICE_PORT), count: String(faults) });
}

/** A learner's unsealed lab as a challenge to play in the app: no seed, no hints, no fixes, faults named by number. */
export function sealedChallenge(exercise: ExamExercise, lab: SealedLab): Challenge {
  const base = challengeLab(lab.lab, LEVELS[exercise.level].lab);
  const faults: ChallengeFault[] = lab.faults.map((f, i) => ({
    id: `fault-${i + 1}`,
    key: `fault-${i + 1}`,
    host: 'rs1',
    title: fill(FAULT_TITLE, { n: String(i + 1) }),
    break: f.break,
    fix: [],
    detect: f.detect,
    ticket: examTicket(lab.faults.length),
    hints: [
      { en: '', 'zh-CN': '' },
      { en: '', 'zh-CN': '' },
    ],
  }));
  return {
    seed: null,
    level: exercise.level,
    labSeed: lab.labSeed,
    labVersion: lab.lab,
    scenario: base.scenario,
    setup: [...base.setup, ...lab.faults.flatMap((f) => stepsFromLines(f.break))],
    faults,
    ticket: examTicket(lab.faults.length),
    hints: [],
    parSeconds: LEVELS[exercise.level].parSeconds,
  };
}
