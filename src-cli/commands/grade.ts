// `lvs-dr-lab grade --pack PACK [--dir DIR] RESULTS... [--out GRADEBOOK] [--stats CSV] [--lang en|zh-CN] [--time-limit S] [--memory-limit MB]`:
// replays every exercise of every results file, recomputes the scores, flags
// any claim the replay does not confirm, and prints a CSV gradebook on stdout
// (flags also on stderr). `--dir DIR` adds every *.json file in DIR (not its
// sub-folders), in name order. Cross-file checks (the same commands in two
// files, a learner with two files) run once every file is graded. Each file is replayed in a child process with a time
// and a memory limit (grade-pool.ts): one hostile file gets its own row, the
// rest of the class is graded. Exit 0 when every file is confirmed, 1 when any
// is flagged or unreadable, 2 when the pack is invalid or the usage wrong.
// `--out` also saves the gradebook (gradebook.ts: the pack and every row, what
// the app's gradebook opens); `--stats` writes the class statistics CSV.
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../../src-sim/api.ts';
import { crossCheckRows, gradebookCsv } from '../../src-sim/course/challenge/grade.ts';
import { classStatsCsv, gradebookFileText } from '../../src-sim/course/challenge/gradebook.ts';
import { PACK_LIMITS, parsePackText } from '../../src-sim/course/challenge/pack.ts';
import { parseResultsText, RESULTS_LIMITS, type ResultsFile } from '../../src-sim/course/challenge/results.ts';
import { parseInteger, readBoundedText, terminalSafe } from './cli-support.ts';
import { DEFAULT_LIMITS, gradeInPool, type IsolationLimits } from './grade-pool.ts';
import { knownLessonIds } from './lesson-source.ts';

const USAGE = 'Usage: lvs-dr-lab grade --pack PACK [--dir DIR] [RESULTS...] [--out GRADEBOOK.json] [--stats STATS.csv] [--lang en|zh-CN] [--time-limit SECONDS] [--memory-limit MB]\n';

/**
 * The grading process's script: next to this module in the built CLI. Run from
 * the TypeScript sources (the unit tests), this module is src-cli/commands/grade.ts
 * and the script is the built one under out/cli.
 */
export function builtWorkerScript(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return join(here, '..', 'grade-worker.js');
  return join(here, '..', '..', '..', 'out', 'cli', 'src-cli', 'commands', 'grade-worker.js');
}

export async function gradeCli(args: string[], workerScript = builtWorkerScript()): Promise<number> {
  let packFile: string | undefined;
  let lang: Lang = 'en';
  const limits: IsolationLimits = { ...DEFAULT_LIMITS };
  const files: string[] = [];
  let outFile: string | undefined;
  let statsFile: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--time-limit') {
      const value = parseInteger(args[++i], 1, 3600);
      if (value === null) return usage(`--time-limit needs whole seconds from 1 to 3600, got "${args[i] ?? ''}"`);
      limits.seconds = value;
    } else if (arg === '--memory-limit') {
      const value = parseInteger(args[++i], 64, 16384);
      if (value === null) return usage(`--memory-limit needs megabytes from 64 to 16384, got "${args[i] ?? ''}"`);
      limits.memoryMb = value;
    } else if (arg === '--out' || arg === '--stats') {
      const file = args[++i];
      if (!file) return usage(`${arg} needs a file name`);
      if (arg === '--out') outFile = file;
      else statsFile = file;
    } else if (arg === '--pack') {
      packFile = args[++i];
      if (!packFile) return usage('--pack needs a file name');
    } else if (arg === '--dir') {
      const dir = args[++i];
      if (!dir) return usage('--dir needs a folder');
      let names: string[];
      try {
        names = readdirSync(dir, { withFileTypes: true })
          .filter((e) => e.name.endsWith('.json') && !e.isDirectory())
          .map((e) => e.name)
          .sort();
      } catch (error) {
        process.stderr.write(`lvs-dr-lab grade: cannot read the folder ${dir}: ${(error as Error).message}\n`);
        return 2;
      }
      files.push(...names.map((name) => join(dir, name)));
    } else if (arg === '--lang') {
      const value = args[++i];
      if (value !== 'en' && value !== 'zh-CN') return usage(`--lang must be en or zh-CN, got "${value ?? ''}"`);
      lang = value;
    } else if (arg.startsWith('-')) return usage(`unknown option "${arg}"`);
    else files.push(arg);
  }
  if (!packFile) return usage('missing --pack PACK');
  if (files.length === 0) return usage('no results files given');
  const packText = readBoundedText(packFile, PACK_LIMITS.bytes);
  if (!packText.ok) {
    process.stderr.write(`lvs-dr-lab: ${packText.message}\n`);
    return 2;
  }
  const pack = parsePackText(packText.text, { knownLessons: knownLessonIds });
  if (!pack.ok) {
    process.stderr.write(`${packFile}: not a valid exercise pack:\n`);
    for (const p of pack.problems) process.stderr.write(terminalSafe(`  ${p.path}: ${p.message}\n`));
    return 2;
  }
  if (!existsSync(workerScript)) {
    process.stderr.write(`lvs-dr-lab grade: the grading process ${workerScript} is missing; run \`npm run build:cli\`\n`);
    return 2;
  }
  const jobs = files.map((file) => ({ file: basename(file), read: () => readBoundedText(file, RESULTS_LIMITS.bytes) }));
  const graded = await gradeInPool(pack.pack, pack.id, jobs, { workerScript, limits, lang });
  const rows = crossCheckRows(graded);
  // Learner names, titles and flags come from the pack and results files; the CSV's CRLF line ends stay.
  process.stdout.write(gradebookCsv(pack.pack, rows, lang).split('\r\n').map(terminalSafe).join('\r\n'));
  for (const row of rows) for (const flag of row.flags) process.stderr.write(terminalSafe(`${row.file}: ${flag}\n`));
  try {
    if (outFile) {
      // The learners' transcripts go with the grades (read again here: the grading pool keeps nothing), so the app shows them from this file alone.
      const transcripts: Record<string, ResultsFile> = {};
      for (const job of jobs) {
        const read = job.read();
        const results = read.ok ? parseResultsText(read.text) : null;
        if (results?.ok) transcripts[job.file] = results.results;
      }
      const file = gradebookFileText(basename(packFile), packText.text, graded, transcripts);
      writeFileSync(outFile, file.text);
      if (!file.transcripts) process.stderr.write(`lvs-dr-lab grade: ${outFile} holds the grades only: with the transcripts it would be larger than 4 MiB, the largest gradebook the app opens; keep the results files to read them\n`);
    }
    if (statsFile) writeFileSync(statsFile, classStatsCsv(pack.pack, rows));
  } catch (error) {
    process.stderr.write(`lvs-dr-lab grade: cannot write ${(error as Error).message}\n`);
    return 2;
  }
  const bad = rows.filter((r) => r.status !== 'confirmed').length;
  process.stderr.write(`${rows.length} results file${rows.length > 1 ? 's' : ''} graded, ${bad} flagged or unreadable\n`);
  return bad === 0 ? 0 : 1;
}

function usage(message: string): number {
  process.stderr.write(`lvs-dr-lab grade: ${message}\n${USAGE}`);
  return 2;
}
