// coreutils uniq: adjacent equal lines once (-c counts them as "%7d ",
// -d only repeated ones, -u only unrepeated ones, -i ignoring case), from
// a file or standard input.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { readInput, splitLines } from '../input.ts';
import { quoted, tryHelp, usageError } from '../text/coreutils.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'c', short: 'c', long: 'count', arg: 'none' },
  { name: 'd', short: 'd', long: 'repeated', arg: 'none' },
  { name: 'u', short: 'u', long: 'unique', arg: 'none' },
  { name: 'i', short: 'i', long: 'ignore-case', arg: 'none' },
];

export const uniq: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'uniq', parsed.error);
    return 1;
  }
  const has = (name: string): boolean => parsed.options.some((o) => o.name === name);
  if (parsed.operands.length > 2) {
    ctx.err(`uniq: extra operand ${quoted(parsed.operands[2]!)}\n${tryHelp('uniq')}`);
    return 1;
  }
  if (parsed.operands.length === 2) {
    ctx.err('uniq: writing an output file is not simulated; redirect the output with > instead\n');
    return 1;
  }
  const file = parsed.operands[0] ?? '-';
  const read = readInput(ctx, file);
  if ('error' in read) {
    ctx.err(`uniq: ${file}: ${read.error}\n`);
    return 1;
  }
  const same = has('i') ? (a: string, b: string) => a.toLowerCase() === b.toLowerCase() : (a: string, b: string) => a === b;
  const lines = splitLines(read.text);
  for (let i = 0; i < lines.length; ) {
    let j = i + 1;
    while (j < lines.length && same(lines[i]!, lines[j]!)) j++;
    const n = j - i;
    if ((!has('d') || n > 1) && (!has('u') || n === 1)) ctx.out(`${has('c') ? `${String(n).padStart(7)} ` : ''}${lines[i]}\n`);
    i = j;
  }
  return 0;
};
