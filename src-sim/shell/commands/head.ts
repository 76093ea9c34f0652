// coreutils head: the first lines (-n N, -N, -n -N: all but the last N) or
// bytes (-c) of each file or of standard input, with headers for several.
import type { Command } from '../context.ts';
import { COUNT_OPTIONS, eachCountedFile, lineChunks, parseCountOptions } from '../text/counts.ts';

export const head: Command = (ctx) => {
  const options = parseCountOptions(ctx, 'head', COUNT_OPTIONS, (flag) => `invalid trailing option -- ${flag}`);
  if (typeof options === 'number') return options;
  const { unit, count, negative: allBut } = options;
  return eachCountedFile(ctx, 'head', options, (text) => {
    if (unit === 'bytes') return allBut ? text.slice(0, Math.max(0, text.length - count)) : text.slice(0, count);
    const chunks = lineChunks(text);
    return (allBut ? chunks.slice(0, Math.max(0, chunks.length - count)) : chunks.slice(0, count)).join('');
  });
};
