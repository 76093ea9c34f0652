// `lvs-dr-lab grade --pack PACK RESULTS... [--lang en|zh-CN]`: replays every
// exercise of every results file, recomputes the scores, flags any claim the
// replay does not confirm, and prints a CSV gradebook on stdout (flags also on
// stderr). Exit 0 when every file is confirmed, 1 when any is flagged or
// unreadable, 2 when the pack is invalid or the usage wrong.
import { basename } from 'node:path';
import type { Lang } from '../../src-sim/api.ts';
import { gradebookCsv, gradeResults, type GradeRow } from '../../src-sim/course/challenge/grade.ts';
import { parsePackText } from '../../src-sim/course/challenge/pack.ts';
import { readText } from './cli-support.ts';
import { cliLessons, knownLessonIds } from './lesson-source.ts';

const USAGE = 'Usage: lvs-dr-lab grade --pack PACK RESULTS... [--lang en|zh-CN]\n';

export async function gradeCli(args: string[]): Promise<number> {
  let packFile: string | undefined;
  let lang: Lang = 'en';
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--pack') {
      packFile = args[++i];
      if (!packFile) return usage('--pack needs a file name');
    } else if (arg === '--lang') {
      const value = args[++i];
      if (value !== 'en' && value !== 'zh-CN') return usage(`--lang must be en or zh-CN, got "${value ?? ''}"`);
      lang = value;
    } else if (arg.startsWith('-')) return usage(`unknown option "${arg}"`);
    else files.push(arg);
  }
  if (!packFile) return usage('missing --pack PACK');
  if (files.length === 0) return usage('no results files given');
  const packText = readText(packFile);
  if (!packText.ok) {
    process.stderr.write(`lvs-dr-lab: ${packText.message}\n`);
    return 2;
  }
  const pack = parsePackText(packText.text, { knownLessons: knownLessonIds });
  if (!pack.ok) {
    process.stderr.write(`${packFile}: not a valid exercise pack:\n`);
    for (const p of pack.problems) process.stderr.write(`  ${p.path}: ${p.message}\n`);
    return 2;
  }
  const rows: GradeRow[] = files.map((file) => {
    const text = readText(file);
    if (!text.ok) return { file: basename(file), learner: '', status: 'unreadable', exercises: [], total: 0, flags: [text.message] };
    return gradeResults(pack.pack, pack.id, basename(file), text.text, { lessons: cliLessons, lang });
  });
  process.stdout.write(gradebookCsv(pack.pack, rows));
  for (const row of rows) for (const flag of row.flags) process.stderr.write(`${row.file}: ${flag}\n`);
  const bad = rows.filter((r) => r.status !== 'ok').length;
  process.stderr.write(`${rows.length} results file${rows.length > 1 ? 's' : ''} graded, ${bad} flagged or unreadable\n`);
  return bad === 0 ? 0 : 1;
}

function usage(message: string): number {
  process.stderr.write(`lvs-dr-lab grade: ${message}\n${USAGE}`);
  return 2;
}
