// coreutils tr: translate SET1 to SET2 (SET2 padded with its last
// character), delete (-d), squeeze repeats (-s), complement SET1 (-c).
// Sets take ranges (a-z), classes ([:upper:]), [=c=], [c*n] and
// backslash escapes (\n \t \\ \NNN), read from standard input.
import type { Command } from '../context.ts';
import { getopt, type OptionSpec } from '../getopt.ts';
import { quoted, tryHelp, usageError } from '../text/coreutils.ts';

const OPTIONS: OptionSpec[] = [
  { name: 'c', short: 'c', long: 'complement', arg: 'none' },
  { name: 'c', short: 'C', arg: 'none' },
  { name: 'd', short: 'd', long: 'delete', arg: 'none' },
  { name: 's', short: 's', long: 'squeeze-repeats', arg: 'none' },
  { name: 't', short: 't', long: 'truncate-set1', arg: 'none' },
];

const CLASS_MEMBERS: Record<string, (c: number) => boolean> = {
  alpha: (c) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  digit: (c) => c >= 48 && c <= 57,
  alnum: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122),
  upper: (c) => c >= 65 && c <= 90,
  lower: (c) => c >= 97 && c <= 122,
  space: (c) => c === 32 || (c >= 9 && c <= 13),
  blank: (c) => c === 32 || c === 9,
  punct: (c) => (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126),
  xdigit: (c) => (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102),
  cntrl: (c) => c < 32 || c === 127,
  print: (c) => c >= 32 && c <= 126,
  graph: (c) => c >= 33 && c <= 126,
};

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

/** The characters a set names, in order; an error text for a bad one. */
function expandSet(spec: string): string[] | string {
  // Unescape first, remembering which characters came from an escape (never a range dash).
  const chars: { ch: string; literal: boolean }[] = [];
  for (let i = 0; i < spec.length; i++) {
    const ch = spec[i]!;
    if (ch !== '\\' || i + 1 >= spec.length) {
      chars.push({ ch, literal: false });
      continue;
    }
    const oct = /^[0-7]{1,3}/.exec(spec.slice(i + 1));
    if (oct) {
      chars.push({ ch: String.fromCharCode(parseInt(oct[0], 8) & 0xff), literal: true });
      i += oct[0].length;
    } else {
      const next = spec[++i]!;
      chars.push({ ch: ESCAPES[next] ?? next, literal: true });
    }
  }
  const out: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    const rest = chars.slice(i).map((x) => (x.literal ? '\0' : x.ch)).join('');
    const cls = /^\[:([a-z]+):\]/.exec(rest);
    if (cls) {
      const member = CLASS_MEMBERS[cls[1]!];
      if (!member) return `invalid character class ${quoted(cls[1]!)}`;
      for (let code = 0; code < 256; code++) if (member(code)) out.push(String.fromCharCode(code));
      i += cls[0].length - 1;
      continue;
    }
    const equiv = /^\[=(.)=\]/.exec(rest);
    if (equiv) {
      out.push(chars[i + 2]!.ch);
      i += 4;
      continue;
    }
    const repeat = /^\[(.)\*(\d*)\]/.exec(rest);
    if (repeat) {
      out.push(...Array<string>(repeat[2] === '' ? 0 : Number(repeat[2])).fill(chars[i + 1]!.ch));
      i += repeat[0].length - 1;
      continue;
    }
    const dash = chars[i + 1];
    const high = chars[i + 2];
    if (dash && high && dash.ch === '-' && !dash.literal) {
      const from = c.ch.charCodeAt(0);
      const to = high.ch.charCodeAt(0);
      if (to < from) return `range-endpoints of '${c.ch}-${high.ch}' are in reverse collating sequence order`;
      for (let code = from; code <= to; code++) out.push(String.fromCharCode(code));
      i += 2;
      continue;
    }
    out.push(c.ch);
  }
  return out;
}

export const tr: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), { options: OPTIONS, permute: true, abbreviations: true });
  if (parsed.error) {
    usageError(ctx, 'tr', parsed.error);
    return 1;
  }
  const has = (name: string): boolean => parsed.options.some((o) => o.name === name);
  const [deleting, squeezing, complement] = [has('d'), has('s'), has('c')];
  const operands = parsed.operands;
  const translating = !deleting && operands.length >= 2;
  const fewest = deleting === squeezing ? 2 : 1;
  const most = deleting && !squeezing ? 1 : 2;
  if (operands.length === 0) {
    ctx.err(`tr: missing operand\n${tryHelp('tr')}`);
    return 1;
  }
  if (operands.length < fewest) {
    const why = deleting ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
    ctx.err(`tr: missing operand after ${quoted(operands[operands.length - 1]!)}\n${why}\n${tryHelp('tr')}`);
    return 1;
  }
  if (operands.length > most) {
    const why = deleting && !squeezing ? 'Only one string may be given when deleting without squeezing repeats.\n' : '';
    ctx.err(`tr: extra operand ${quoted(operands[most]!)}\n${why}${tryHelp('tr')}`);
    return 1;
  }
  const sets: string[][] = [];
  for (const spec of operands) {
    const set = expandSet(spec);
    if (typeof set === 'string') {
      ctx.err(`tr: ${set}\n`);
      return 1;
    }
    sets.push(set);
  }
  let set1 = sets[0]!;
  const set2 = sets[1] ?? [];
  if (complement) {
    const member = new Set(set1);
    set1 = [];
    for (let code = 0; code < 256; code++) if (!member.has(String.fromCharCode(code))) set1.push(String.fromCharCode(code));
  }
  if (translating && set2.length === 0 && set1.length > 0) {
    ctx.err('tr: when not truncating set1, string2 must be non-empty\n');
    return 1;
  }
  const map = new Map<string, string>();
  if (translating) {
    const limit = has('t') ? Math.min(set1.length, set2.length) : set1.length;
    for (let i = 0; i < limit; i++) map.set(set1[i]!, set2[Math.min(i, set2.length - 1)]!);
  }
  const deleteSet = new Set(deleting ? set1 : []);
  const squeezeSet = new Set(squeezing ? (translating || deleting ? set2 : set1) : []);
  const input = ctx.stdin ?? '';
  ctx.budget.spend(input.length / 64);
  let out = '';
  let last: string | null = null;
  for (const ch of input) {
    if (deleteSet.has(ch)) continue;
    const mapped = map.get(ch) ?? ch;
    if (mapped === last && squeezeSet.has(mapped)) continue;
    out += mapped;
    last = mapped;
  }
  ctx.out(out);
  return 0;
};
