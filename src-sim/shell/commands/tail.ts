// coreutils tail: the last lines (-n N, -N) or bytes (-c N), or from the Nth
// on (-n +N, -c +N), of each file or of standard input, with headers for
// several. -f (--follow, -F) then keeps printing what is appended to the
// files until a signal ends it (Ctrl-C at a live terminal; the command time
// limit elsewhere).
import type { Command, RunningCommand } from '../context.ts';
import type { OptionSpec } from '../getopt.ts';
import { readInput } from '../input.ts';
import { pollingCommand } from '../polling-command.ts';
import { headerName } from '../text/coreutils.ts';
import { COUNT_OPTIONS, lineChunks, parseCountOptions } from '../text/counts.ts';

/** head's options, and -f/--follow[=HOW] and -F (--follow=name --retry). */
const OPTIONS: readonly OptionSpec[] = [
  ...COUNT_OPTIONS,
  { name: 'f', short: 'f', long: 'follow', arg: 'optional' },
  { name: 'f', short: 'F', arg: 'none' },
];

export const tail: Command = (ctx) => {
  let follow = false;
  const options = parseCountOptions(ctx, 'tail', OPTIONS, (flag) => `invalid option -- '${flag}'`, () => {
    follow = true;
    return null;
  });
  if (typeof options === 'number') return options;
  const { unit, count, from, headers, files } = options;
  const showHeaders = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const file of files) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      ctx.err(`tail: cannot open '${file}' for reading: ${read.error}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.out(`${first ? '' : '\n'}==> ${headerName(file)} <==\n`);
    first = false;
    const pieces = unit === 'bytes' ? [...read.text] : lineChunks(read.text);
    const shown = from ? pieces.slice(Math.max(0, count - 1)) : count === 0 ? [] : pieces.slice(-count);
    ctx.out(shown.join(''));
  }
  const followed = follow ? files.filter((f) => f !== '-') : [];
  if (followed.length === 0) return status;
  if (followed.every((file) => 'error' in readInput(ctx, file))) {
    ctx.err('tail: no files remaining\n');
    return status;
  }
  return followFiles(ctx, followed, showHeaders, status);
};

/**
 * How often a followed file is looked at (µs): tail's --sleep-interval
 * default, which it polls at where inotify is not used. Linux's tail reacts
 * to inotify at once, so what is appended shows up to this much later here.
 */
const POLL_US = 1_000_000;

/**
 * tail -f: every POLL_US, what was appended to each file since is printed
 * (under its header when there are several and another file printed last);
 * a file that shrank is announced as truncated and printed from its start.
 * It catches no signal: Ctrl-C ends it where it is.
 */
function followFiles(ctx: Parameters<Command>[0], files: string[], showHeaders: boolean, status: number): RunningCommand {
  const seen = new Map(files.map((file) => {
    const read = readInput(ctx, file);
    return [file, 'error' in read ? null : read.text] as const;
  }));
  let lastPrinted = files.at(-1)!;
  return pollingCommand(ctx, POLL_US, () => {
    for (const file of files) {
      const before = seen.get(file) ?? null;
      const read = readInput(ctx, file);
      // tail -f follows the file it opened: one removed (or never there) prints nothing more.
      if ('error' in read || before === null) continue;
      const text = read.text;
      if (text === before) continue;
      let added = text;
      if (text.length >= before.length && text.startsWith(before)) added = text.slice(before.length);
      else if (text.length < before.length) ctx.err(`tail: ${file}: file truncated\n`);
      seen.set(file, text);
      if (added === '') continue;
      if (showHeaders && lastPrinted !== file) ctx.out(`\n==> ${headerName(file)} <==\n`);
      lastPrinted = file;
      ctx.out(added);
    }
  }, status);
}
