// coreutils sort in the C.UTF-8 locale (byte order): -n -r -u -f -b, keys
// (-k F[.C][nrfb][,F[.C][nrfb]]) on blank-separated or -t fields. Lines whose
// keys tie are ordered by the whole line (GNU's last-resort comparison)
// unless -u, which keeps the first of each run of equal keys.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { readInput, splitLines } from '../input.ts';
import { quoted, usageError } from '../text/coreutils.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'n', short: 'n', long: 'numeric-sort', arg: 'none' },
  { name: 'r', short: 'r', long: 'reverse', arg: 'none' },
  { name: 'u', short: 'u', long: 'unique', arg: 'none' },
  { name: 'f', short: 'f', long: 'ignore-case', arg: 'none' },
  { name: 'b', short: 'b', long: 'ignore-leading-blanks', arg: 'none' },
  { name: 's', short: 's', long: 'stable', arg: 'none' },
  { name: 'k', short: 'k', long: 'key', arg: 'required' },
  { name: 't', short: 't', long: 'field-separator', arg: 'required' },
];

interface Flags {
  numeric: boolean;
  reverse: boolean;
  fold: boolean;
  blanks: boolean;
}

interface Key extends Flags {
  startField: number;
  startChar: number;
  endField: number; // 0: the end of the line
  endChar: number; // 0: the end of the field
}

const BLANK = /[ \t]/;

export const sort: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'sort', parsed.error);
    return 2;
  }
  const global: Flags = { numeric: false, reverse: false, fold: false, blanks: false };
  let unique = false;
  let stable = false;
  let tab: string | null = null;
  const keySpecs: string[] = [];
  for (const o of parsed.options) {
    if (o.name === 'n') global.numeric = true;
    else if (o.name === 'r') global.reverse = true;
    else if (o.name === 'f') global.fold = true;
    else if (o.name === 'b') global.blanks = true;
    else if (o.name === 'u') unique = true;
    else if (o.name === 's') stable = true;
    else if (o.name === 'k') keySpecs.push(o.arg!);
    else if (o.name === 't') {
      if ([...o.arg!].length !== 1) {
        ctx.err(o.arg === '' ? `sort: empty tab\n` : `sort: multi-character tab ${quoted(o.arg!)}\n`);
        return 2;
      }
      tab = o.arg!;
    }
  }
  const keys: Key[] = [];
  for (const spec of keySpecs) {
    const key = parseKey(spec, global);
    if (typeof key === 'string') {
      ctx.err(`sort: ${key}\n`);
      return 2;
    }
    keys.push(key);
  }
  const lines: string[] = [];
  for (const file of parsed.operands.length === 0 ? ['-'] : parsed.operands) {
    const read = readInput(ctx, file);
    if ('error' in read) {
      ctx.err(`sort: cannot read: ${file}: ${read.error}\n`);
      return 2;
    }
    lines.push(...splitLines(read.text));
  }
  ctx.budget.spend(lines.length);
  const compareKeys = (a: string, b: string): number => {
    if (keys.length === 0) return compareField(a, b, global);
    for (const key of keys) {
      const c = compareField(extract(a, key, tab), extract(b, key, tab), key);
      if (c !== 0) return c;
    }
    return 0;
  };
  const lastResort = !unique && !stable;
  const sorted = [...lines].sort((a, b) => {
    const c = compareKeys(a, b);
    if (c !== 0 || !lastResort) return c;
    const r = byteCompare(a, b);
    return global.reverse ? -r : r;
  });
  const out = unique ? sorted.filter((line, i) => i === 0 || compareKeys(sorted[i - 1]!, line) !== 0) : sorted;
  ctx.out(out.map((line) => `${line}\n`).join(''));
  return 0;
};

function parseKey(spec: string, global: Flags): Key | string {
  const m = /^(\d*)(?:\.(\d*))?([a-zA-Z]*)(?:,(\d*)(?:\.(\d*))?([a-zA-Z]*))?$/.exec(spec);
  const bad = (why: string): string => `${why}: invalid field specification ${quoted(spec)}`;
  if (!m || m[1] === '') return `invalid number at field start: invalid count at start of ${quoted(spec)}`;
  if (Number(m[1]) === 0) return bad('field number is zero');
  if (m[2] !== undefined && Number(m[2]) === 0) return bad('character offset is zero');
  const own = (m[3] ?? '') + (m[6] ?? '');
  for (const letter of own) if (!'nrfb'.includes(letter)) return `stray character in field spec: invalid field specification ${quoted(spec)}`;
  const flags: Flags = own === '' ? { ...global } : { numeric: own.includes('n'), reverse: own.includes('r'), fold: own.includes('f'), blanks: own.includes('b') };
  return {
    ...flags,
    startField: Number(m[1]),
    startChar: m[2] === undefined ? 1 : Number(m[2]),
    endField: m[4] === undefined || m[4] === '' ? 0 : Number(m[4]),
    endChar: m[5] === undefined || m[5] === '' ? 0 : Number(m[5]),
  };
}

/** Each field's [start, end) in the line: after a -t character, or a blank run and what follows it. */
function fields(line: string, tab: string | null): [number, number][] {
  const spans: [number, number][] = [];
  if (tab !== null) {
    let start = 0;
    for (;;) {
      const at = line.indexOf(tab, start);
      if (at < 0) break;
      spans.push([start, at]);
      start = at + tab.length;
    }
    spans.push([start, line.length]);
    return spans;
  }
  let i = 0;
  while (i < line.length) {
    const start = i;
    while (i < line.length && BLANK.test(line[i]!)) i++;
    while (i < line.length && !BLANK.test(line[i]!)) i++;
    spans.push([start, i]);
  }
  return spans;
}

function extract(line: string, key: Key, tab: string | null): string {
  const spans = fields(line, tab);
  const startSpan = spans[key.startField - 1];
  if (!startSpan) return '';
  let start = startSpan[0];
  if (key.blanks) while (start < startSpan[1] && BLANK.test(line[start]!)) start++;
  start = Math.min(start + key.startChar - 1, startSpan[1]);
  let end = line.length;
  if (key.endField > 0) {
    const endSpan = spans[key.endField - 1];
    if (endSpan) {
      if (key.endChar === 0) end = endSpan[1];
      else {
        let from = endSpan[0];
        while (key.blanks && from < endSpan[1] && BLANK.test(line[from]!)) from++;
        end = Math.min(from + key.endChar, endSpan[1]);
      }
    }
  }
  return start < end ? line.slice(start, end) : '';
}

function compareField(a: string, b: string, flags: Flags): number {
  let c: number;
  if (flags.numeric) c = numericValue(a) - numericValue(b);
  else {
    const x = flags.blanks ? a.replace(/^[ \t]+/, '') : a;
    const y = flags.blanks ? b.replace(/^[ \t]+/, '') : b;
    c = flags.fold ? byteCompare(x.toUpperCase(), y.toUpperCase()) : byteCompare(x, y);
  }
  return flags.reverse ? -Math.sign(c) : Math.sign(c);
}

/** The number a line starts with (after blanks); 0 when it starts with none. */
function numericValue(text: string): number {
  const m = /^[ \t]*(-?(\d+(\.\d*)?|\.\d+))/.exec(text);
  return m ? Number(m[1]) : 0;
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

