// GNU grep 3.8: the options learners pipe into (-E -F -i -v -n -c -w -x -o -q
// -s -l -L -h -H -m -A -B -C -e -f), several files with name prefixes, context
// groups split by `--`, exit 0 (a line selected), 1 (none), 2 (an error).
import type { Command, CommandContext } from '../context.ts';
import { getopt, glibcMessage, type OptionSpec } from '../getopt.ts';
import { readInput, splitLines } from '../input.ts';
import { literalSource, translateRegex, type RegexSyntax } from '../text/posix-regex.ts';

const USAGE = "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n";

const OPTIONS: OptionSpec[] = [
  { name: 'E', short: 'E', long: 'extended-regexp', arg: 'none' },
  { name: 'F', short: 'F', long: 'fixed-strings', arg: 'none' },
  { name: 'G', short: 'G', long: 'basic-regexp', arg: 'none' },
  { name: 'i', short: 'i', long: 'ignore-case', arg: 'none' },
  { name: 'i', short: 'y', arg: 'none' },
  { name: 'no-i', long: 'no-ignore-case', arg: 'none' },
  { name: 'v', short: 'v', long: 'invert-match', arg: 'none' },
  { name: 'n', short: 'n', long: 'line-number', arg: 'none' },
  { name: 'c', short: 'c', long: 'count', arg: 'none' },
  { name: 'w', short: 'w', long: 'word-regexp', arg: 'none' },
  { name: 'x', short: 'x', long: 'line-regexp', arg: 'none' },
  { name: 'o', short: 'o', long: 'only-matching', arg: 'none' },
  { name: 'q', short: 'q', long: 'quiet', arg: 'none' },
  { name: 'q', long: 'silent', arg: 'none' },
  { name: 's', short: 's', long: 'no-messages', arg: 'none' },
  { name: 'l', short: 'l', long: 'files-with-matches', arg: 'none' },
  { name: 'L', short: 'L', long: 'files-without-match', arg: 'none' },
  { name: 'H', short: 'H', long: 'with-filename', arg: 'none' },
  { name: 'h', short: 'h', long: 'no-filename', arg: 'none' },
  { name: 'm', short: 'm', long: 'max-count', arg: 'required' },
  { name: 'A', short: 'A', long: 'after-context', arg: 'required' },
  { name: 'B', short: 'B', long: 'before-context', arg: 'required' },
  { name: 'C', short: 'C', long: 'context', arg: 'required' },
  { name: 'e', short: 'e', long: 'regexp', arg: 'required' },
  { name: 'f', short: 'f', long: 'file', arg: 'required' },
  { name: 'color', long: 'color', arg: 'optional' },
  { name: 'color', long: 'colour', arg: 'optional' },
];

const STDIN_NAME = '(standard input)';

interface Settings {
  invert: boolean;
  count: boolean;
  only: boolean;
  quiet: boolean;
  listMatching: boolean;
  listMissing: boolean;
  numbers: boolean;
  withName: boolean;
  maxCount: number;
  after: number;
  before: number;
}

export const grep: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    ctx.err(`${glibcMessage('grep', parsed.error)}\n${USAGE}`);
    return 2;
  }
  let syntax: RegexSyntax | 'fixed' = 'basic';
  let ignoreCase = false;
  let word = false;
  let whole = false;
  let quietErrors = false;
  let names: boolean | null = null;
  const patterns: string[] = [];
  let patternsGiven = false;
  const s: Settings = { invert: false, count: false, only: false, quiet: false, listMatching: false, listMissing: false, numbers: false, withName: false, maxCount: Infinity, after: 0, before: 0 };
  for (const o of parsed.options) {
    const arg = o.arg ?? '';
    switch (o.name) {
      case 'E': syntax = 'extended'; break;
      case 'F': syntax = 'fixed'; break;
      case 'G': syntax = 'basic'; break;
      case 'i': ignoreCase = true; break;
      case 'no-i': ignoreCase = false; break;
      case 'v': s.invert = true; break;
      case 'n': s.numbers = true; break;
      case 'c': s.count = true; break;
      case 'w': word = true; break;
      case 'x': whole = true; break;
      case 'o': s.only = true; break;
      case 'q': s.quiet = true; break;
      case 's': quietErrors = true; break;
      case 'l': s.listMatching = true; s.listMissing = false; break;
      case 'L': s.listMissing = true; s.listMatching = false; break;
      case 'H': names = true; break;
      case 'h': names = false; break;
      case 'm': {
        if (!/^-?\d+$/.test(arg)) {
          ctx.err(`grep: invalid max count\n`);
          return 2;
        }
        s.maxCount = Number(arg) < 0 ? Infinity : Number(arg);
        break;
      }
      case 'A': case 'B': case 'C': {
        if (!/^\d+$/.test(arg)) {
          ctx.err(`grep: ${arg}: invalid context length argument\n`);
          return 2;
        }
        if (o.name !== 'B') s.after = Number(arg);
        if (o.name !== 'A') s.before = Number(arg);
        break;
      }
      case 'e': patterns.push(...arg.split('\n')); patternsGiven = true; break;
      case 'f': {
        const read = readInput(ctx, arg);
        if ('error' in read) {
          ctx.err(`grep: ${arg}: ${read.error}\n`);
          return 2;
        }
        patterns.push(...splitLines(read.text));
        patternsGiven = true;
        break;
      }
    }
  }
  const operands = [...parsed.operands];
  if (!patternsGiven) {
    const first = operands.shift();
    if (first === undefined) {
      ctx.err(USAGE);
      return 2;
    }
    patterns.push(...first.split('\n'));
  }
  const regex = compile(patterns, syntax, { ignoreCase, word, whole });
  if (typeof regex === 'string') {
    ctx.err(`grep: ${regex}\n`);
    return 2;
  }
  const files = operands.length === 0 ? ['-'] : operands;
  s.withName = names ?? files.length > 1;
  let selectedAny = false;
  let error = false;
  const state = { printedSomething: false };
  for (const file of files) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      if (!quietErrors) ctx.err(`grep: ${file}: ${read.error}\n`);
      error = true;
      continue;
    }
    const selected = grepText(ctx, read.text, file === '-' ? STDIN_NAME : file, regex, s, state);
    selectedAny ||= selected;
    if (selected && s.quiet) return 0;
  }
  if (error && !(s.quiet && selectedAny)) return 2;
  return selectedAny ? 0 : 1;
};

/** The patterns as one RegExp, or regcomp's error text. */
function compile(patterns: string[], syntax: RegexSyntax | 'fixed', how: { ignoreCase: boolean; word: boolean; whole: boolean }): RegExp | string {
  const sources: string[] = [];
  for (const p of patterns) {
    if (syntax === 'fixed') sources.push(literalSource(p));
    else {
      const t = translateRegex(p, syntax);
      if (!t.ok) return t.error;
      sources.push(t.source);
    }
  }
  let source = sources.map((src) => `(?:${src})`).join('|');
  if (how.whole) source = `^(?:${source})$`;
  else if (how.word) source = `(?<![A-Za-z0-9_])(?:${source})(?![A-Za-z0-9_])`;
  return new RegExp(source, how.ignoreCase ? 'gi' : 'g');
}

function matches(regex: RegExp, line: string): boolean {
  regex.lastIndex = 0;
  return regex.test(line);
}

/** Prints what grep prints for one file; true when a line was selected. */
function grepText(ctx: CommandContext, text: string, name: string, regex: RegExp, s: Settings, state: { printedSomething: boolean }): boolean {
  const lines = splitLines(text);
  const prefix = (n: number, sep: string): string => `${s.withName ? `${name}${sep}` : ''}${s.numbers ? `${n + 1}${sep}` : ''}`;
  let count = 0;
  let lastPrinted = -1;
  let afterLeft = 0;
  const context = s.after > 0 || s.before > 0;
  const listing = s.count || s.listMatching || s.listMissing || s.quiet;
  const print = (i: number, sep: string): void => {
    if (context && state.printedSomething && lastPrinted !== i - 1) ctx.out('--\n');
    ctx.out(`${prefix(i, sep)}${lines[i]}\n`);
    lastPrinted = i;
    state.printedSomething = true;
  };
  for (let i = 0; i < lines.length; i++) {
    ctx.budget.spend();
    const line = lines[i]!;
    if (count >= s.maxCount) {
      // Past the last counted line, trailing context is printed whatever it holds.
      if (listing || afterLeft === 0) break;
      print(i, '-');
      afterLeft--;
      continue;
    }
    if (matches(regex, line) === s.invert) {
      if (!listing && afterLeft > 0 && !s.only) {
        print(i, '-');
        afterLeft--;
      }
      continue;
    }
    count++;
    if (s.quiet) return true;
    if (listing) continue;
    if (s.only) {
      if (s.invert) continue;
      regex.lastIndex = 0;
      for (const m of line.matchAll(regex)) {
        if (m[0] !== '') ctx.out(`${prefix(i, ':')}${m[0]}\n`);
      }
      continue;
    }
    for (let b = Math.max(lastPrinted + 1, i - s.before); b < i; b++) print(b, '-');
    print(i, ':');
    afterLeft = s.after;
  }
  if (s.count) ctx.out(`${s.withName ? `${name}:` : ''}${count}\n`);
  if (s.listMatching && count > 0) ctx.out(`${name}\n`);
  if (s.listMissing && count === 0) ctx.out(`${name}\n`);
  return count > 0;
}
