// coreutils cut: fields (-f LIST with -d C, default tab; -s drops lines
// without the delimiter) or characters/bytes (-c, -b) of each line. LIST is
// N, N-M, N-, -M, separated by commas; output keeps input order.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { readInput, splitLines } from '../input.ts';
import { quoted, tryHelp, usageError } from '../text/coreutils.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'b', short: 'b', long: 'bytes', arg: 'required' },
  { name: 'c', short: 'c', long: 'characters', arg: 'required' },
  { name: 'f', short: 'f', long: 'fields', arg: 'required' },
  { name: 'd', short: 'd', long: 'delimiter', arg: 'required' },
  { name: 's', short: 's', long: 'only-delimited', arg: 'none' },
  { name: 'complement', long: 'complement', arg: 'none' },
  { name: 'output-delimiter', long: 'output-delimiter', arg: 'required' },
];

type Range = [number, number];

export const cut: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'cut', parsed.error);
    return 1;
  }
  const fail = (message: string): number => {
    ctx.err(`cut: ${message}\n${tryHelp('cut')}`);
    return 1;
  };
  let mode: 'f' | 'c' | null = null;
  let list = '';
  let delimiter = '\t';
  let delimiterGiven = false;
  let outputDelimiter: string | null = null;
  let onlyDelimited = false;
  let complement = false;
  for (const o of parsed.options) {
    if (o.name === 'b' || o.name === 'c' || o.name === 'f') {
      if (mode !== null) return fail('only one list may be specified');
      mode = o.name === 'f' ? 'f' : 'c';
      list = o.arg!;
    } else if (o.name === 'd') {
      if ([...o.arg!].length > 1) return fail('the delimiter must be a single character');
      delimiter = o.arg === '' ? '\0' : o.arg!;
      delimiterGiven = true;
    } else if (o.name === 's') onlyDelimited = true;
    else if (o.name === 'complement') complement = true;
    else outputDelimiter = o.arg!;
  }
  if (mode === null) return fail('you must specify a list of bytes, characters, or fields');
  if (mode === 'c' && delimiterGiven) return fail('an input delimiter may be specified only when operating on fields');
  if (mode === 'c' && onlyDelimited) return fail('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  const ranges = parseList(list, mode);
  if (typeof ranges === 'string') return fail(ranges);
  const selected = (n: number): boolean => ranges.some(([a, b]) => n >= a && n <= b) !== complement;
  let status = 0;
  for (const file of parsed.operands.length === 0 ? ['-'] : parsed.operands) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      ctx.err(`cut: ${file}: ${read.error}\n`);
      status = 1;
      continue;
    }
    for (const line of splitLines(read.text)) {
      ctx.budget.spend();
      if (mode === 'c') {
        const chars = [...line].filter((_, i) => selected(i + 1));
        ctx.out(`${chars.join('')}\n`);
        continue;
      }
      if (!line.includes(delimiter)) {
        if (!onlyDelimited) ctx.out(`${line}\n`);
        continue;
      }
      const parts = line.split(delimiter).filter((_, i) => selected(i + 1));
      ctx.out(`${parts.join(outputDelimiter ?? delimiter)}\n`);
    }
  }
  return status;
};

function parseList(list: string, mode: 'f' | 'c'): Range[] | string {
  const ranges: Range[] = [];
  const what = mode === 'f' ? 'field' : 'byte/character';
  for (const part of list.split(/[,\s]/)) {
    const m = /^(\d*)(-?)(\d*)$/.exec(part);
    if (!m || (m[1] === '' && m[3] === '' )) {
      return part === '-' ? 'invalid range with no endpoint: -' : `invalid ${what} value ${quoted(part)}`;
    }
    const low = m[1] === '' ? 1 : Number(m[1]);
    const high = m[2] === '' ? low : m[3] === '' ? Infinity : Number(m[3]);
    if ((m[1] !== '' && low === 0) || (m[3] !== '' && Number(m[3]) === 0 && m[2] !== '')) return `${mode === 'f' ? 'fields' : 'byte/character positions'} are numbered from 1`;
    if (high < low) return 'invalid decreasing range';
    ranges.push([low, high]);
  }
  return ranges;
}
