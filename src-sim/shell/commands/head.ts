// coreutils head: the first lines (-n N, -N, -n -N: all but the last N) or
// bytes (-c) of each file or of standard input, with headers for several.
import type { Command } from '../context.ts';
import type { OptionSpec } from '../getopt.ts';
import { eachCountedFile, lineChunks, parseCountOptions } from '../text/counts.ts';

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
  const { unit, count, negative: allBut } = options;
  return eachCountedFile(ctx, 'head', options, (text) => {
    if (unit === 'bytes') return allBut ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count);
    const chunks = lineChunks(text);
    return (allBut ? chunks.slice(0, Math.max(0, chunks.length - count)) : chunks.slice(0, count)).join('');
  });
};
