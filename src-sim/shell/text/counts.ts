// The counts head and tail take: `-n 5`, `-n -5` (head: all but the last 5),
// `-n +5` (tail: from the 5th on), and the obsolete first-argument `-5`.
import type { CommandContext } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { readInput } from '../input.ts';
import { headerName, quoted, tryHelp, usageError } from './coreutils.ts';

export interface Count {
  count: number;
  negative: boolean;
  /** tail's `+N`: starting at the Nth line or byte. */
  from: boolean;
}

export function parseCount(text: string): Count | null {
  const m = /^([-+]?)(\d+)$/.exec(text.trim());
  if (!m) return null;
  return { count: Number(m[2]), negative: m[1] === '-', from: m[1] === '+' };
}

export type Obsolete = { count: number; unit: 'lines' | 'bytes' } | { error: string };

/** Removes and reads a leading `-N`, `-Nc`, `-Nl` (the form head and tail still accept). */
export function takeObsoleteCount(args: string[]): Obsolete | null {
  const m = /^-(\d+)(.*)$/.exec(args[0] ?? '');
  if (!m) return null;
  args.shift();
  const suffix = m[2]!;
  if (suffix === '' || suffix === 'l') return { count: Number(m[1]), unit: 'lines' };
  if (suffix === 'c') return { count: Number(m[1]), unit: 'bytes' };
  return { error: suffix[0]! };
}

/** A text cut into lines that keep their newlines; a last line may lack one. */
export function lineChunks(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** What head and tail read from their options: the count, its unit, -q/-v, the files. */
/** The options head and tail both have: -n/--lines, -c/--bytes, -q/--quiet/--silent, -v/--verbose. */
export const COUNT_OPTIONS: readonly OptionSpec[] = [
  { name: 'n', short: 'n', long: 'lines', arg: 'required' },
  { name: 'c', short: 'c', long: 'bytes', arg: 'required' },
  { name: 'q', short: 'q', long: 'quiet', arg: 'none' },
  { name: 'q', long: 'silent', arg: 'none' },
  { name: 'v', short: 'v', long: 'verbose', arg: 'none' },
];

export interface CountOptions extends Count {
  unit: 'lines' | 'bytes';
  /** -v (true), -q (false), neither (null: headers when there are several files). */
  headers: boolean | null;
  files: string[];
}

/**
 * Parses head's or tail's arguments as coreutils does: the obsolete leading
 * `-N[cl]`, then getopt with permutation and abbreviations, -n/-c counts; the
 * tool's own message for a bad count or option. Any other option goes, in
 * its turn, to `other`, which may end the command with a status (tail's -f).
 * A number is the exit status.
 */
export function parseCountOptions(ctx: CommandContext, tool: 'head' | 'tail', options: readonly OptionSpec[], badObsolete: (flag: string) => string, other: (name: string) => number | null = () => null): CountOptions | number {
  const args = ctx.argv.slice(1);
  const obsolete = takeObsoleteCount(args);
  if (obsolete && 'error' in obsolete) {
    ctx.err(`${tool}: ${badObsolete(obsolete.error)}\n${tryHelp(tool)}`);
    return 1;
  }
  const parsed = getopt(args, { options, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, tool, parsed.error);
    return 1;
  }
  const result: CountOptions = { unit: obsolete?.unit ?? 'lines', count: obsolete?.count ?? 10, negative: false, from: false, headers: null, files: parsed.operands.length === 0 ? ['-'] : parsed.operands };
  for (const o of parsed.options) {
    if (o.name === 'n' || o.name === 'c') {
      const value = parseCount(o.arg!);
      if (value === null) {
        ctx.err(`${tool}: invalid number of ${o.name === 'n' ? 'lines' : 'bytes'}: ${quoted(o.arg!)}\n`);
        return 1;
      }
      result.unit = o.name === 'n' ? 'lines' : 'bytes';
      Object.assign(result, value);
    } else if (o.name === 'q' || o.name === 'v') result.headers = o.name === 'v';
    else {
      const status = other(o.name);
      if (status !== null) return status;
    }
  }
  return result;
}

/**
 * head's and tail's walk over their files: each one's text to `show`, with
 * "==> NAME <==" headers (by default when there are several) and the tool's
 * words for a file it cannot open; the exit status.
 */
export function eachCountedFile(ctx: CommandContext, tool: 'head' | 'tail', options: CountOptions, show: (text: string) => string): number {
  const showHeaders = options.headers ?? options.files.length > 1;
  let status = 0;
  let first = true;
  for (const file of options.files) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      ctx.err(`${tool}: cannot open '${file}' for reading: ${read.error}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.out(`${first ? '' : '\n'}==> ${headerName(file)} <==\n`);
    first = false;
    ctx.out(show(read.text));
  }
  return status;
}
