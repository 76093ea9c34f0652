// bash 5.2's printf builtin: the format is reused while arguments remain;
// %s %b %q %c %d %i %o %u %x %X %e %E %f %F %g %G %% with flags, width and
// precision (or *); escapes \n \t \\ \NNN \xHH \uHHHH in the format; numbers
// as C reads them (0x1f, 010, 'A) with "invalid number" for the rest; -v VAR.
import type { Command } from '../context.ts';
import { formatFloat, formatInteger, formatString, parseConversion, type Conversion } from '../text/c-format.ts';

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', e: '\x1b', E: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"', "'": "'", '?': '?' };
const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);

/** One backslash escape at `i` (just after the backslash): its text and where it ends; `stop` for %b's \c. */
function escapeAt(text: string, i: number, inB: boolean): { text: string; end: number; stop?: boolean } {
  const ch = text[i];
  if (ch === undefined) return { text: '\\', end: i };
  if (ch in SIMPLE_ESCAPES) return { text: SIMPLE_ESCAPES[ch]!, end: i + 1 };
  if (inB && ch === 'c') return { text: '', end: i + 1, stop: true };
  const octal = inB ? /^0?[0-7]{0,3}/.exec(text.slice(i)) : /^[0-7]{1,3}/.exec(text.slice(i));
  if (octal && octal[0] !== '') {
    const digits = inB && octal[0].startsWith('0') ? octal[0].slice(1, 4) : octal[0];
    return { text: String.fromCharCode(parseInt(digits || '0', 8) & 0xff), end: i + octal[0].length };
  }
  const hex = /^x([0-9a-fA-F]{1,2})/.exec(text.slice(i));
  if (hex) return { text: String.fromCharCode(parseInt(hex[1]!, 16)), end: i + hex[0].length };
  const unicode = /^(u[0-9a-fA-F]{1,4}|U[0-9a-fA-F]{1,8})/.exec(text.slice(i));
  if (unicode) return { text: String.fromCodePoint(parseInt(unicode[0].slice(1), 16)), end: i + unicode[0].length };
  return { text: `\\${ch}`, end: i + 1 };
}

/** %q: bash's shell quoting of one word. */
function shellQuote(word: string): string {
  if (word === '') return "''";
  return word.replace(/[^A-Za-z0-9_@%+=:,./-]/g, (c) => `\\${c}`);
}

export const printf: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  let variable: string | null = null;
  if (args[0] === '-v') {
    args.shift();
    variable = args.shift() ?? null;
  }
  if (args[0] === '--') args.shift();
  const format = args.shift();
  if (format === undefined || variable === '') {
    ctx.err('printf: usage: printf [-v var] format [arguments]\n');
    return 2;
  }
  let status = 0;
  let out = '';
  let next = 0;
  const warn = (message: string): void => ctx.err(`bash: printf: ${message}\n`);
  const takeText = (): string => (next < args.length ? args[next++]! : '');
  const takeInteger = (): bigint => {
    if (next >= args.length) return 0n;
    const word = args[next++]!;
    const m = /^\s*([-+]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9]\d*)/.exec(word);
    if (/^['"]/.test(word)) return BigInt(word.codePointAt(1) ?? 0);
    if (!m) {
      warn(`${word}: invalid number`);
      status = 1;
      return 0n;
    }
    let value = BigInt(m[2]!.length > 1 && m[2]!.startsWith('0') && !/^0[xX]/.test(m[2]!) ? `0o${m[2]!.slice(1)}` : m[2]!);
    if (m[1] === '-') value = -value;
    if (m[0].length !== word.length) {
      warn(`${word}: invalid number`);
      status = 1;
    } else if (value > INT64_MAX || value < INT64_MIN) {
      warn(`warning: ${word}: Numerical result out of range`);
      value = value > INT64_MAX ? INT64_MAX : INT64_MIN;
    }
    return value;
  };
  const takeFloat = (): number => {
    if (next >= args.length) return 0;
    const word = args[next++]!;
    if (/^['"]/.test(word)) return word.codePointAt(1) ?? 0;
    const m = /^\s*[-+]?(0[xX][0-9a-fA-F]+|(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|inf(inity)?|nan)/i.exec(word);
    if (!m) {
      warn(`${word}: invalid number`);
      status = 1;
      return 0;
    }
    if (m[0].length !== word.length) {
      warn(`${word}: invalid number`);
      status = 1;
    }
    return Number(m[0].trim().replace(/^([-+]?)inf(inity)?$/i, '$1Infinity'));
  };
  /** A conversion's text; `stop` when %b met \c (what came before it is still printed). */
  const convert = (c: Conversion): { text: string; stop?: boolean } => {
    const done = (text: string): { text: string } => ({ text });
    switch (c.letter) {
      case 's': return done(formatString(takeText(), c));
      case 'b': {
        const word = takeText();
        let text = '';
        for (let i = 0; i < word.length; i++) {
          if (word[i] !== '\\') {
            text += word[i];
            continue;
          }
          const e = escapeAt(word, i + 1, true);
          text += e.text;
          i = e.end - 1;
          if (e.stop) return { text, stop: true };
        }
        return done(formatString(text, c));
      }
      case 'q': return done(formatString(shellQuote(takeText()), c));
      case 'c': return done(formatString([...takeText()][0] ?? '', c));
      case 'd': case 'i': case 'o': case 'u': case 'x': case 'X': return done(formatInteger(takeInteger(), c));
      default: return done(formatFloat(takeFloat(), c));
    }
  };
  // One pass of the format; false when output must stop (%b's \c or a bad conversion).
  const pass = (): boolean => {
    for (let i = 0; i < format.length; i++) {
      ctx.budget.spend();
      const ch = format[i]!;
      if (ch === '\\') {
        const e = escapeAt(format, i + 1, false);
        out += e.text;
        i = e.end - 1;
        continue;
      }
      if (ch !== '%') {
        out += ch;
        continue;
      }
      if (format[i + 1] === '%') {
        out += '%';
        i++;
        continue;
      }
      const spec = /^[-+ 0#]*(\*|\d+)?(\.(\*|\d*))?(hh|h|ll|l|L|j|z|t)?([a-zA-Z])?/.exec(format.slice(i + 1))!;
      const letter = spec[5];
      if (letter === undefined || (spec[4] !== undefined && letter === undefined)) {
        warn(`\`${format.slice(i, i + 1 + spec[0].length)}': missing format character`);
        status = 1;
        return false;
      }
      if (!'sbqcdiouxXeEfFgG'.includes(letter)) {
        warn(`\`${letter}': invalid format character`);
        status = 1;
        return false;
      }
      const withoutLength = format.slice(i + 1, i + 1 + spec[0].length).replace(/(hh|h|ll|l|L|j|z|t)(?=[a-zA-Z]$)/, '');
      const parsed = parseConversion(withoutLength, 0, () => Number(takeInteger()))!;
      const converted = convert(parsed.conversion);
      out += converted.text;
      if (converted.stop) return false;
      i += spec[0].length;
    }
    return true;
  };
  const consumes = /%[^%]/.test(format.replace(/%%/g, ''));
  do {
    if (!pass()) break;
  } while (consumes && next < args.length);
  if (variable !== null) ctx.host.shellVariables.set(variable, out);
  else ctx.out(out);
  return status;
};
