// `lvs-dr-lab pack validate FILE [--json]`: every problem of an exercise pack
// with its JSON path. Exit 0 valid, 1 invalid, 2 unreadable or usage error.
import { localText, PACK_LIMITS, parsePackText } from '../../src-sim/course/challenge/pack.ts';
import { readBoundedText, terminalSafe } from './cli-support.ts';
import { knownLessonIds } from './lesson-source.ts';

const USAGE = 'Usage: lvs-dr-lab pack validate FILE [--json]\n';

export async function packCli(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'validate') {
    process.stderr.write(`lvs-dr-lab pack: ${sub === undefined ? 'missing sub-command "validate"' : `unknown sub-command "${sub}"`}\n${USAGE}`);
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
  const mode = !pack.hintsAllowed && !pack.solutionsAllowed ? 'exam (no hints, no solutions)' : `hints ${pack.hintsAllowed ? 'allowed' : 'not allowed'}, solutions ${pack.solutionsAllowed ? 'allowed' : 'not allowed'}`;
  process.stdout.write(`${file}: valid pack "${terminalSafe(localText(pack.title, 'en'))}", ${pack.exercises.length} exercise${pack.exercises.length > 1 ? 's' : ''}, ${mode}\nid ${result.id}\n`);
  return 0;
}
