// What the GNU coreutils file commands share: their usage errors, quoting in
// the C locale (the kernel runner's LC_ALL=C: 'name'), and errno texts.
import { FS_ERRNO_TEXT, type FsErrno, type FsStat } from '../host/fs.ts';
import { civilTime, MONTH_NAMES } from '../core/virtual-date.ts';
import type { CommandContext } from './context.ts';
import { getopt, glibcMessage, type GetoptConfig, type GetoptResult } from './getopt.ts';

/** A file name as coreutils' quote() prints it in the C locale. */
export function quote(name: string): string {
  return `'${name}'`;
}

export function errnoText(errno: FsErrno): string {
  return FS_ERRNO_TEXT[errno];
}

/** Prints a usage error with coreutils' "Try '… --help'" line; returns the exit status (1, or ls's 2). */
export function usageError(ctx: CommandContext, program: string, message: string, status = 1): number {
  ctx.err(`${program}: ${message}\nTry '${program} --help' for more information.\n`);
  return status;
}

/** getopt_long as coreutils calls it (options and operands mixed); null after printing the error. */
export function parseOptions(ctx: CommandContext, program: string, config: GetoptConfig): GetoptResult | null {
  const parsed = getopt(ctx.argv.slice(1), config);
  if (parsed.error) {
    ctx.err(`${glibcMessage(program, parsed.error)}\nTry '${program} --help' for more information.\n`);
    return null;
  }
  return parsed;
}

/** parseOptions for a tool whose options are all flags: the names given, and the operands; null after printing the error. */
export function parseFlags(ctx: CommandContext, program: string, config: GetoptConfig): { flags: ReadonlySet<string>; operands: string[] } | null {
  const parsed = parseOptions(ctx, program, config);
  return parsed && { flags: new Set(parsed.options.map((o) => o.name)), operands: parsed.operands };
}

/** -r, -R, --recursive and -f, --force, as cp and rm both take them. */
export const RECURSIVE_AND_FORCE = [
  { name: 'recursive', short: 'r', long: 'recursive', arg: 'none' },
  { name: 'recursive', short: 'R', arg: 'none' },
  { name: 'force', short: 'f', long: 'force', arg: 'none' },
] as const;

/** The last name of a path (basename without suffix removal). */
export function baseName(path: string): string {
  const trimmed = path.replace(/\/+$/, '');
  return trimmed === '' ? '/' : trimmed.slice(trimmed.lastIndexOf('/') + 1);
}

/** `ls -l`'s mode column: type letter, then rwx triples with setuid, setgid and sticky bits. */
export function modeString(stat: FsStat): string {
  const type = stat.type === 'dir' ? 'd' : stat.type === 'symlink' ? 'l' : stat.type === 'char' ? 'c' : '-';
  const m = stat.mode;
  const triple = (shift: number, special: number, mark: string): string => {
    const r = m & (4 << shift) ? 'r' : '-';
    const w = m & (2 << shift) ? 'w' : '-';
    const x = m & (1 << shift);
    const s = m & special;
    return r + w + (s ? (x ? mark : mark.toUpperCase()) : x ? 'x' : '-');
  };
  return type + triple(6, 0o4000, 's') + triple(3, 0o2000, 's') + triple(0, 0o1000, 't');
}

/** Half a Gregorian year, ls's limit for showing the time rather than the year. */
const SIX_MONTHS_US = (31_556_952 / 2) * 1_000_000;

/** `ls -l`'s date in the C locale: "%b %e %H:%M" for the last six months, "%b %e  %Y" otherwise. */
export function lsDate(mtimeUs: number, nowUs: number): string {
  const t = civilTime(mtimeUs);
  const day = String(t.day).padStart(2, ' ');
  const recent = mtimeUs > nowUs - SIX_MONTHS_US && mtimeUs <= nowUs;
  const tail = recent ? `${String(t.hours).padStart(2, '0')}:${String(t.minutes).padStart(2, '0')}` : ` ${t.year}`;
  return `${MONTH_NAMES[t.month - 1]} ${day} ${tail}`;
}
