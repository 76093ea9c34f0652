// `lvs-dr-lab pack validate FILE [--json]`: every problem of an exercise pack
// with its JSON path. Exit 0 valid, 1 invalid, 2 unreadable or usage error.
// `lvs-dr-lab pack secret`: 32 random bytes (hex) for an exam's "secret".
// `lvs-dr-lab pack exam TEACHER-PACK --out LEARNER-PACK --codes CODES.csv`:
// the learners' pack of an exam (each learner's lab sealed under their code)
// and the codes to hand out. Exit 0 written, 1 not an exam, 2 unreadable or usage.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { makeLearnerExam } from '../../src-sim/course/challenge/exam.ts';
import { csvField } from '../../src-sim/course/challenge/grade.ts';
import { isExam, localText, PACK_LIMITS, parsePackText } from '../../src-sim/course/challenge/pack.ts';
import { readBoundedText, terminalSafe } from './cli-support.ts';
import { knownLessonIds } from './lesson-source.ts';

const USAGE = 'Usage: lvs-dr-lab pack validate FILE [--json]\n       lvs-dr-lab pack secret\n       lvs-dr-lab pack exam TEACHER-PACK --out LEARNER-PACK --codes CODES.csv\n';

export async function packCli(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === 'secret' && rest.length === 0) {
    process.stdout.write(`${randomBytes(32).toString('hex')}\n`);
    return 0;
  }
  if (sub === 'exam') return examCli(rest);
  if (sub !== 'validate') {
    process.stderr.write(`lvs-dr-lab pack: ${sub === undefined ? 'missing sub-command "validate", "secret" or "exam"' : `unknown sub-command "${sub}"`}\n${USAGE}`);
    return 2;
  }
  const json = rest.includes('--json');
  const files = rest.filter((a) => a !== '--json');
  const unknown = files.find((a) => a.startsWith('-'));
  if (unknown || files.length !== 1) {
    process.stderr.write(`lvs-dr-lab pack validate: ${unknown ? `unknown option "${unknown}"` : 'needs exactly one FILE'}\n${USAGE}`);
    return 2;
  }
  const file = files[0]!;
  const read = readBoundedText(file, PACK_LIMITS.bytes);
  if (!read.ok) {
    process.stderr.write(`lvs-dr-lab: ${read.message}\n`);
    return 2;
  }
  const result = parsePackText(read.text, { knownLessons: knownLessonIds });
  if (json) {
    process.stdout.write(`${JSON.stringify(result.ok ? { valid: true, id: result.id, exercises: result.pack.exercises.length } : { valid: false, problems: result.problems }, null, 1)}\n`);
    return result.ok ? 0 : 1;
  }
  if (!result.ok) {
    process.stderr.write(`${file}: not a valid exercise pack (${result.problems.length} problem${result.problems.length > 1 ? 's' : ''}):\n`);
    for (const p of result.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
    return 1;
  }
  const { pack } = result;
  const mode = isExam(pack)
    ? `exam (no hints, no solutions, a variant for each of ${pack.exam.learners.length} learner${pack.exam.learners.length > 1 ? 's' : ''})`
    : `hints ${pack.hintsAllowed ? 'allowed' : 'not allowed'}, solutions ${pack.solutionsAllowed ? 'allowed' : 'not allowed'}`;
  process.stdout.write(`${file}: valid pack "${terminalSafe(localText(pack.title, 'en'))}", ${pack.exercises.length} exercise${pack.exercises.length > 1 ? 's' : ''}, ${mode}\nid ${result.id}\n`);
  return 0;
}

async function examCli(args: string[]): Promise<number> {
  let out: string | undefined;
  let codes: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--out') out = args[++i];
    else if (arg === '--codes') codes = args[++i];
    else if (arg.startsWith('-')) return examUsage(`unknown option "${arg}"`);
    else files.push(arg);
  }
  if (files.length !== 1 || !out || !codes) return examUsage('needs TEACHER-PACK, --out LEARNER-PACK and --codes CODES.csv');
  const read = readBoundedText(files[0]!, PACK_LIMITS.bytes);
  if (!read.ok) {
    process.stderr.write(`lvs-dr-lab: ${read.message}\n`);
    return 2;
  }
  const result = parsePackText(read.text, { knownLessons: knownLessonIds });
  if (!result.ok) {
    process.stderr.write(`${files[0]}: not a valid exercise pack (run \`lvs-dr-lab pack validate\`)\n`);
    return 1;
  }
  if (!isExam(result.pack)) {
    process.stderr.write(`${files[0]}: not an exam (it has no "exam" block with a secret and the learners)\n`);
    return 1;
  }
  const made = makeLearnerExam(result.pack, result.id);
  writeFileSync(out, `${JSON.stringify(made.exam, null, 1)}\n`);
  writeFileSync(codes, `learner,code\r\n${made.codes.map((c) => `${csvField(c.learner)},${c.code}`).join('\r\n')}\r\n`);
  process.stdout.write(`${out}: the learners' pack (${made.codes.length} sealed labs); ${codes}: each learner's code. Keep ${files[0]} (the secret) to yourself: grading needs it.\n`);
  return 0;
}

function examUsage(message: string): number {
  process.stderr.write(`lvs-dr-lab pack exam: ${message}\n${USAGE}`);
  return 2;
}
