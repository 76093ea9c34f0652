// coreutils tail: the last lines (-n N, -N) or bytes (-c N), or from the Nth
// on (-n +N, -c +N), of each file or of standard input, with headers for
// several. -f is refused: a lab terminal cannot be left following a file.
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
  { name: 'f', short: 'f', long: 'follow', arg: 'optional' },
  { name: 'f', short: 'F', arg: 'none' },
];

export const tail: Command = (ctx) => {
  const follow = (): number => {
    ctx.err('tail: -f is not supported in this lab shell (the terminal could not be interrupted); run tail again to see new lines\n');
    return 1;
  };
  const options = parseCountOptions(ctx, 'tail', OPTIONS, (flag) => `invalid option -- '${flag}'`, follow);
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
  return status;
};
