// coreutils head: the first lines (-n N, -N, -n -N: all but the last N) or
// bytes (-c) of each file or of standard input, with headers for several.
import type { Command } from '../context.ts';
import type { OptionSpec } from '../getopt.ts';
import { readInput } from '../input.ts';
import { headerName } from '../text/coreutils.ts';
import { lineChunks, parseCountOptions } from '../text/counts.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'n', short: 'n', long: 'lines', arg: 'required' },
  { name: 'c', short: 'c', long: 'bytes', arg: 'required' },
  { name: 'q', short: 'q', long: 'quiet', arg: 'none' },
  { name: 'q', long: 'silent', arg: 'none' },
  { name: 'v', short: 'v', long: 'verbose', arg: 'none' },
];

export const head: Command = (ctx) => {
  const options = parseCountOptions(ctx, 'head', OPTIONS, (flag) => `invalid trailing option -- ${flag}`);
  if (typeof options === 'number') return options;
  const { unit, count, negative: allBut, headers, files } = options;
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
