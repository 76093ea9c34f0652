// coreutils wc: lines, words, bytes (-l -w -c, default all three), characters
// (-m) and the longest line (-L), in columns as wide as GNU makes them: one
// count of one input is printed bare; otherwise every column is as wide as the
// total size of the files read, and at least 7 when standard input is read.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { readInput } from '../input.ts';
import { usageError } from '../text/coreutils.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'c', short: 'c', long: 'bytes', arg: 'none' },
  { name: 'm', short: 'm', long: 'chars', arg: 'none' },
  { name: 'l', short: 'l', long: 'lines', arg: 'none' },
  { name: 'w', short: 'w', long: 'words', arg: 'none' },
  { name: 'L', short: 'L', long: 'max-line-length', arg: 'none' },
];

type Column = 'l' | 'w' | 'm' | 'c' | 'L';
const ORDER: Column[] = ['l', 'w', 'm', 'c', 'L'];
const encoder = new TextEncoder();

function counts(text: string): Record<Column, number> {
  const lines = text.split('\n');
  return {
    l: lines.length - 1,
    w: text.split(/[ \t\n\r\f\v]+/).filter((w) => w !== '').length,
    m: [...text].length,
    c: encoder.encode(text).length,
    L: Math.max(0, ...lines.map((line) => [...line.replace(/\t/g, '        ')].length)),
  };
}

export const wc: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'wc', parsed.error);
    return 1;
  }
  const chosen = new Set(parsed.options.map((o) => o.name as Column));
  const columns = ORDER.filter((c) => (chosen.size === 0 ? c === 'l' || c === 'w' || c === 'c' : chosen.has(c)));
  const operands = parsed.operands.length === 0 ? null : parsed.operands;
  const results: ({ name: string | null; counts: Record<Column, number> } | { error: string })[] = [];
  let status = 0;
  let totalSize = 0;
  let readsStdin = false;
  for (const file of operands ?? ['-']) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      results.push({ error: `wc: ${file}: ${read.error}\n` });
      status = 1;
      continue;
    }
    if (file === '-') readsStdin = true;
    else totalSize += encoder.encode(read.text).length;
    results.push({ name: operands === null ? null : file, counts: counts(read.text) });
  }
  // wc sizes its columns before reading, from what stat says of the operands.
  const single = columns.length === 1 && (operands?.length ?? 1) === 1;
  const width = single ? 1 : Math.max(readsStdin ? 7 : 1, String(totalSize).length);
  const row = (c: Record<Column, number>, name: string | null): string =>
    `${columns.map((col) => String(c[col]).padStart(width)).join(' ')}${name === null ? '' : ` ${name}`}\n`;
  const total: Record<Column, number> = { l: 0, w: 0, m: 0, c: 0, L: 0 };
  for (const r of results) {
    if ('error' in r) {
      ctx.err(r.error);
      continue;
    }
    ctx.out(row(r.counts, r.name));
    for (const col of ORDER) total[col] = col === 'L' ? Math.max(total.L, r.counts.L) : total[col] + r.counts[col];
  }
  if ((operands?.length ?? 0) > 1) ctx.out(row(total, 'total'));
  return status;
};
