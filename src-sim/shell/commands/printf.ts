// bash 5.2's printf builtin (builtins/printf.def): the format is reused while
// arguments remain; %s %b %q %Q %c %d %i %o %u %x %X %e %E %f %F %g %G %% with
// flags, width and precision (or *) and C's length modifiers skipped; escapes
// in the format and in %b as tescape() reads them; integers as strtoimax
// (strtoumax for o u x X) reads them, reals as strtold (long double), with
// bash's "invalid number" words; -v VAR. Like C's printf it works on bytes:
// widths and precisions count UTF-8 bytes, %c prints the first byte, and the
// bytes are decoded for the terminal at the end (a lone byte shows as U+FFFD).
import type { Command } from '../context.ts';
import { formatInteger, formatReal, formatString, fromBytes, parseConversion, toBytes, type Conversion, type RealValue } from '../text/c-format.ts';
import { strtold } from '../text/long-double.ts';
import { NAME } from '../script.ts';

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;
const USAGE = 'printf: usage: printf [-v var] format [arguments]\n';

/** A code point as UTF-8 bytes, the way bash's u32cconv writes it (surrogates and values past U+10FFFF too). */
function utf8Bytes(code: number): string {
  if (code < 0x80) return String.fromCharCode(code);
  const lead = code < 0x800 ? [0xc0, 1] : code < 0x10000 ? [0xe0, 2] : code < 0x200000 ? [0xf0, 3] : null;
  if (!lead) return '';
  const [marker, trailing] = lead as [number, number];
  let bytes = String.fromCharCode(marker | (code >> (6 * trailing)));
  for (let i = trailing - 1; i >= 0; i--) bytes += String.fromCharCode(0x80 | ((code >> (6 * i)) & 0x3f));
  return bytes;
}

/**
 * One backslash escape at `i` (just after the backslash), as tescape() reads
 * it: its bytes and where reading goes on. In %b (`inB`) \c stops the output,
 * \0 takes three more octal digits and \' \" \? keep their backslash.
 */
function escapeAt(text: string, i: number, inB: boolean, warn: (message: string) => void): { bytes: string; end: number; stop?: boolean } {
  const ch = text[i];
  const unaltered = { bytes: '\\', end: i };
  if (ch === undefined) return unaltered;
  if (ch in SIMPLE_ESCAPES) return { bytes: SIMPLE_ESCAPES[ch]!, end: i + 1 };
  if (ch === "'" || ch === '"' || ch === '?') return inB ? unaltered : { bytes: ch, end: i + 1 };
  if (ch === 'c') return inB ? { bytes: '', end: i + 1, stop: true } : unaltered;
  if (ch >= '0' && ch <= '7') {
    const more = inB && ch === '0' ? 3 : 2;
    const digits = new RegExp(`^[0-7][0-7]{0,${more}}`).exec(text.slice(i))![0];
    return { bytes: String.fromCharCode(parseInt(digits, 8) & 0xff), end: i + digits.length };
  }
  if (ch === 'x' || ch === 'u' || ch === 'U') {
    const most = ch === 'x' ? 2 : ch === 'u' ? 4 : 8;
    const digits = new RegExp(`^[0-9a-fA-F]{0,${most}}`).exec(text.slice(i + 1))![0];
    if (digits === '') {
      warn(ch === 'x' ? 'missing hex digit for \\x' : `missing unicode digit for \\${ch}`);
      return unaltered;
    }
    const value = parseInt(digits, 16);
    return { bytes: ch === 'x' ? String.fromCharCode(value) : utf8Bytes(value), end: i + 1 + digits.length };
  }
  return unaltered;
}

/** %q: bash's quoting of one word, $'...' when it holds a control character, else backslashes (sh_backslash_quote). */
function backslashQuote(bytes: string): string {
  if (bytes === '') return "''";
  if (/[^ -\uffff]|\x7f/.test(bytes)) {
    const named: Record<string, string> = { '\x07': 'a', '\b': 'b', '\x1b': 'E', '\f': 'f', '\n': 'n', '\r': 'r', '\t': 't', '\v': 'v', '\\': '\\', "'": "'" };
    const body = bytes.replace(/[^ -\uffff]|[\x7f\\']/g, (c) => (c in named ? `\\${named[c]}` : `\\${c.charCodeAt(0).toString(8).padStart(3, '0')}`));
    return `$'${body}'`;
  }
  return bytes.replace(/[ \t\n'"\\|&;()<>!{}*[?\]^$`,]|^[~#]|(?<=[=:])~/g, (c) => `\\${c}`);
}

/** bash's sh_invalidnum: which words it uses for a number it could not read to the end. */
function invalidNumber(word: string): string {
  if (/^0\d/.test(word)) return `${word}: invalid octal number`;
  if (word.startsWith('0x')) return `${word}: invalid hex number`;
  return `${word}: invalid number`;
}

/** C's strtoimax/strtoumax with base 0: the value of the longest prefix and how far it went. */
function strtointmax(word: string): { value: bigint; end: number } {
  const m = /^\s*([-+]?)(?:0[xX]([0-9a-fA-F]+)|0([0-7]*)|([1-9]\d*))/.exec(word);
  if (!m) return { value: 0n, end: 0 };
  const magnitude = m[2] !== undefined ? BigInt(`0x${m[2]}`) : m[3] !== undefined ? (m[3] === '' ? 0n : BigInt(`0o${m[3]}`)) : BigInt(m[4]!);
  return { value: m[1] === '-' ? -magnitude : magnitude, end: m[0].length };
}

export const printf: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const warn = (message: string): void => ctx.err(`bash: printf: ${message}\n`);
  const usage = (message: string): number => {
    warn(message);
    ctx.err(USAGE);
    return 2;
  };
  let variable: string | null = null;
  // internal_getopt(list, "v:"): -v VAR or -vVAR, then -- or the format.
  while (args.length > 0 && args[0]!.startsWith('-') && args[0] !== '-') {
    const option = args.shift()!;
    if (option === '--') break;
    if (!option.startsWith('-v')) return usage(`${option.startsWith('--') ? '--' : option.slice(0, 2)}: invalid option`);
    variable = option.length > 2 ? option.slice(2) : (args.shift() ?? null);
    if (variable === null) return usage('-v: option requires an argument');
  }
  if (variable !== null && !NAME.test(variable.replace(/\[.*\]$/, ''))) {
    warn(`\`${variable}': not a valid identifier`);
    return 2;
  }
  const format = args.shift();
  if (format === undefined) {
    ctx.err(USAGE);
    return 2;
  }
  const words = args.map(toBytes);
  let status = 0;
  let out = '';
  let next = 0;
  const badNumber = (word: string): void => {
    warn(invalidNumber(fromBytes(word)));
    status = 1;
  };
  const outOfRange = (word: string): void => warn(`warning: ${fromBytes(word)}: Numerical result out of range`);
  const takeText = (): string => (next < words.length ? words[next++]! : '');
  /** A quoted argument ('A or "A) is the code of the character after the quote. */
  const quotedCharacter = (word: string): number | null => (/^['"]/.test(word) ? ([...fromBytes(word.slice(1))][0]?.codePointAt(0) ?? 0) : null);
  const takeInteger = (unsigned: boolean): bigint => {
    if (next >= words.length) return 0n;
    const word = words[next++]!;
    const quoted = quotedCharacter(word);
    if (quoted !== null) return BigInt(quoted);
    const read = strtointmax(word);
    let value = read.value;
    const end = read.end;
    if (end !== word.length) badNumber(word);
    else if (unsigned ? value > UINT64_MAX || value < -UINT64_MAX : value > INT64_MAX || value < INT64_MIN) {
      outOfRange(word);
      value = unsigned ? UINT64_MAX : value > INT64_MAX ? INT64_MAX : INT64_MIN;
    }
    return value;
  };
  const takeReal = (): RealValue => {
    const zero: RealValue = { kind: 'finite', negative: false, exact: { digits: 0n, scale: 0 } };
    if (next >= words.length) return zero;
    const word = words[next++]!;
    const quoted = quotedCharacter(word);
    if (quoted !== null) return { kind: 'finite', negative: false, exact: { digits: BigInt(quoted), scale: 0 } };
    const { value, end } = strtold(word);
    if (end !== word.length) badNumber(word);
    return value;
  };
  /** `*`: an int; one out of int's range is an error and counts as no width. */
  const takeStar = (): number => {
    const value = takeInteger(false);
    return value > 2147483647n || value < -2147483648n ? -1 : Number(value);
  };
  const reserve = (c: Conversion): void => ctx.budget.reserve((c.width ?? 0) + (c.precision ?? 0));
  /** A conversion's bytes; `stop` when %b met \c (what came before it is still printed). */
  const convert = (c: Conversion): { bytes: string; stop?: boolean } => {
    reserve(c);
    switch (c.letter) {
      case 's': return { bytes: formatString(takeText(), c) };
      case 'b': {
        const word = takeText();
        let bytes = '';
        for (let i = 0; i < word.length; i++) {
          if (word[i] !== '\\') {
            bytes += word[i];
            continue;
          }
          const e = escapeAt(word, i + 1, true, warn);
          bytes += e.bytes;
          i = e.end - 1;
          if (e.stop) return { bytes: formatString(bytes, c), stop: true };
        }
        return { bytes: formatString(bytes, c) };
      }
      case 'q': return { bytes: formatString(backslashQuote(takeText()), c) };
      case 'Q': return { bytes: formatString(backslashQuote(formatString(takeText(), { ...c, width: null })), { ...c, precision: null }) };
      case 'c': return { bytes: formatString(takeText()[0] ?? '\0', { ...c, precision: null }) };
      case 'd': case 'i': return { bytes: formatInteger(takeInteger(false), c) };
      case 'o': case 'u': case 'x': case 'X': return { bytes: formatInteger(takeInteger(true), c) };
      default: return { bytes: formatReal(takeReal(), c) };
    }
  };
  // One pass of the format; false when output must stop (%b's \c or a bad conversion).
  const pass = (): boolean => {
    for (let i = 0; i < format.length; i++) {
      ctx.budget.spend();
      const ch = format[i]!;
      if (ch === '\\') {
        const e = escapeAt(format, i + 1, false, warn);
        out += e.bytes;
        i = e.end - 1;
        continue;
      }
      if (ch !== '%') {
        out += toBytes(ch);
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i++;
        continue;
      }
      const spec = /^[#'\-+ 0]*(\*|\d+)?(\.(\*|-?\d*))?[hjlLtz]*(.)?/su.exec(format.slice(i + 1))!;
      const letter = spec[4];
      if (letter === undefined) {
        warn(`\`${format.slice(i)}': missing format character`);
        status = 1;
        return false;
      }
      if (!'sbqQcdiouxXeEfFgG'.includes(letter)) {
        warn(`\`${letter}': invalid format character`);
        status = 1;
        return false;
      }
      // C's printf never sees the ' flag or the length modifiers; a negative precision is no precision.
      const conversion = `${spec[0].slice(0, -letter.length).replace(/[hjlLtz']/g, '').replace(/\.-\d*/, '')}${letter}`;
      const parsed = parseConversion(conversion, 0, takeStar)!;
      const converted = convert(parsed.conversion);
      out += converted.bytes;
      if (converted.stop) return false;
      i += spec[0].length;
    }
    return true;
  };
  const consumes = /%[^%]/.test(format.replace(/%%/g, ''));
  do {
    if (!pass()) break;
  } while (consumes && next < words.length);
  const text = fromBytes(out);
  if (variable !== null) ctx.host.shellVariables.set(variable, text);
  else ctx.out(text);
  return status;
};
