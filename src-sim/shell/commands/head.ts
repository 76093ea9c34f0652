// coreutils head: the first lines (-n N, -N, -n -N: all but the last N) or
// bytes (-c) of each file or of standard input, with headers for several.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { readInput } from '../input.ts';
import { headerName, quoted, tryHelp, usageError } from '../text/coreutils.ts';
import { parseCount, takeObsoleteCount, lineChunks } from '../text/counts.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'n', short: 'n', long: 'lines', arg: 'required' },
  { name: 'c', short: 'c', long: 'bytes', arg: 'required' },
  { name: 'q', short: 'q', long: 'quiet', arg: 'none' },
  { name: 'q', long: 'silent', arg: 'none' },
  { name: 'v', short: 'v', long: 'verbose', arg: 'none' },
];

export const head: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const obsolete = takeObsoleteCount(args);
  if (obsolete && 'error' in obsolete) {
    ctx.err(`head: invalid trailing option -- ${obsolete.error}\n${tryHelp('head')}`);
    return 1;
  }
  const parsed = getopt(args, { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'head', parsed.error);
    return 1;
  }
  let unit: 'lines' | 'bytes' = obsolete?.unit ?? 'lines';
  let count = obsolete?.count ?? 10;
  let allBut = false;
  let headers: boolean | null = null;
  for (const o of parsed.options) {
    if (o.name === 'n' || o.name === 'c') {
      const value = parseCount(o.arg!);
      if (value === null) {
        ctx.err(`head: invalid number of ${o.name === 'n' ? 'lines' : 'bytes'}: ${quoted(o.arg!)}\n`);
        return 1;
      }
      unit = o.name === 'n' ? 'lines' : 'bytes';
      count = value.count;
      allBut = value.negative;
    } else headers = o.name === 'v';
  }
  const files = parsed.operands.length === 0 ? ['-'] : parsed.operands;
  const showHeaders = headers ?? files.length > 1;
  let status = 0;
  let first = true;
  for (const file of files) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      ctx.err(`head: cannot open '${file}' for reading: ${read.error}\n`);
      status = 1;
      continue;
    }
    if (showHeaders) ctx.out(`${first ? '' : '\n'}==> ${headerName(file)} <==\n`);
    first = false;
    if (unit === 'bytes') ctx.out(allBut ? read.text.slice(0, Math.max(0, read.text.length - count)) : read.text.slice(0, count));
    else {
      const chunks = lineChunks(read.text);
      ctx.out((allBut ? chunks.slice(0, Math.max(0, chunks.length - count)) : chunks.slice(0, count)).join(''));
    }
  }
  return status;
};
