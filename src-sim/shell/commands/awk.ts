// awk as Debian 12 installs it: mawk 1.3.4 (the program text is text/awk/).
// Options -F, -v, -f, --, -W version; operands are files, `-` or var=value.
import type { Command } from '../context.ts';
import { readInput, splitLines } from '../input.ts';
import { AwkSyntaxError } from '../text/awk/lex.ts';
import { AwkNotSimulated, parseAwk, type Item } from '../text/awk/parse.ts';
import { AwkRuntimeError } from '../text/awk/errors.ts';
import { AwkRun } from '../text/awk/run.ts';
import { MAWK_USAGE } from '../text/awk/usage.ts';

const VERSION = `mawk 1.3.4 20200120
Copyright 2008-2019,2020, Thomas E. Dickey
Copyright 1991-1996,2014, Michael D. Brennan

`;
// mawk prints its build details on stderr.
const BUILD = `random-funcs:       srandom/random
regex-funcs:        internal
compiled limits:
sprintf buffer      8192
maximum-integer     2147483647
`;

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', '/': '/', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** -v and operand assignments take awk's string escapes. */
function unescape(text: string): string {
  return text.replace(/\\([0-7]{1,3}|.)/g, (_, c: string) => (/^[0-7]/.test(c) ? String.fromCharCode(parseInt(c, 8)) : ESCAPES[c] ?? `\\${c}`));
}

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s;

export const awk: Command = (ctx) => {
  const me = ctx.argv[0]!;
  const args = ctx.argv.slice(1);
  const assignments: [string, string][] = [];
  const programFiles: string[] = [];
  let fs: string | null = null;
  let i = 0;
  const fail = (message: string): number => {
    ctx.err(`${me}: ${message}\n`);
    return 2;
  };
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    const letter = a[1]!;
    if (letter === 'F' || letter === 'v' || letter === 'f' || letter === 'W') {
      const value = a.length > 2 ? a.slice(2) : args[++i];
      if (value === undefined) return fail(`option -${letter} lacks argument`);
      if (letter === 'F') fs = value === 't' ? '\t' : unescape(value);
      else if (letter === 'f') programFiles.push(value);
      else if (letter === 'v') {
        const m = ASSIGNMENT.exec(value);
        if (!m) return fail(`improper assignment: -v ${value}`);
        assignments.push([m[1]!, unescape(m[2]!)]);
      } else if ('version'.startsWith(value) && value !== '') {
        ctx.out(VERSION);
        ctx.err(BUILD);
        return 0;
      } else if ('usage'.startsWith(value) || 'help'.startsWith(value)) {
        ctx.out(MAWK_USAGE);
        return 0;
      } else ctx.err(`${me}: vacuous option: -W ${value}\n`);
      continue;
    }
    return fail(`not an option: ${a}`);
  }
  let source: string;
  if (programFiles.length > 0) {
    const texts: string[] = [];
    for (const file of programFiles) {
      const read = readInput(ctx, file);
      if ('error' in read) return fail(`cannot open ${file} (${read.error})`);
      texts.push(read.text);
    }
    source = texts.join('\n');
  } else {
    const program = args[i++];
    if (program === undefined) {
      ctx.err(MAWK_USAGE);
      return 0;
    }
    source = program;
  }
  let items: Item[];
  try {
    items = parseAwk(source);
  } catch (error) {
    if (error instanceof AwkSyntaxError) return fail(error.message);
    if (error instanceof AwkNotSimulated) return fail(error.message);
    throw error;
  }
  const operands = args.slice(i);
  // Records come lazily, file after file, so getline and FNR see them as awk does.
  const queue = [...operands];
  if (!queue.some((o) => !ASSIGNMENT.test(o))) queue.push('-');
  let current: { lines: string[]; at: number; name: string } | null = null;
  const run: AwkRun = new AwkRun(items, {
    budget: ctx.budget,
    out: (text) => ctx.out(text),
    nextRecord: () => {
      for (;;) {
        if (current && current.at < current.lines.length) {
          const newFile = current.at === 0;
          return { text: current.lines[current.at++]!, filename: current.name, newFile };
        }
        const operand = queue.shift();
        if (operand === undefined) return null;
        const assignment = ASSIGNMENT.exec(operand);
        if (assignment) {
          run.setVariable(assignment[1]!, unescape(assignment[2]!));
          continue;
        }
        const read = readInput(ctx, operand);
        if ('error' in read) throw new AwkRuntimeError(`cannot open ${operand} (${read.error})`);
        current = { lines: splitLines(read.text), at: 0, name: operand };
      }
    },
  });
  if (fs !== null) run.setVariable('FS', fs);
  for (const [name, value] of assignments) run.setVariable(name, value);
  try {
    return run.run();
  } catch (error) {
    if (!(error instanceof AwkRuntimeError)) throw error;
    if (error.message.startsWith('cannot open')) return fail(error.message);
    return fail(`run time error: ${error.message}\n\t${run.position()}`);
  }
};
