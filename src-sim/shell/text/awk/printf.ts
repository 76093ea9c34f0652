// printf and sprintf as mawk 1.3.4's do_printf runs them: each % takes the
// next argument (a missing one is an error, counted before the conversion is
// known), h and l may come before the letter, %d %i clamp a number to ±Max_Int
// and %o %u %x %X to 0..Max_UInt (mawk's d_to_I and d_to_U, 32-bit), %c of a
// number is that byte; anything else is an
// "improper conversion". Widths and precisions count bytes, as C's do.
import type { Budget } from '../../../core/budget.ts';
import { formatFloat, formatInteger, formatString, fromBytes, parseConversion, toBytes } from '../c-format.ts';
import { AwkRuntimeError } from './errors.ts';

const MAX_INT = 2147483647;
const MAX_UINT = 4294967295;

/** One argument as the conversions read it: a number, text (a number through CONVFMT), and %c's byte. */
export interface AwkPrintfArgument {
  number(): number;
  text(): string;
  /** %c: a number is the byte it names (mod 256), a string its first byte (NUL when empty). */
  byte(): string;
}

/** mawk's d_to_I. */
const toInt = (d: number): number => (d >= MAX_INT ? MAX_INT : d > -MAX_INT ? Math.trunc(d) : -MAX_INT);
/** mawk's d_to_U. */
const toUnsigned = (d: number): number => (d >= MAX_UINT ? MAX_UINT : d > 0 ? Math.trunc(d) : 0);

/**
 * The text printf or sprintf (`who`) makes of `format`; on an error,
 * `partial` gets what printf had already written before it stopped.
 */
export function awkPrintf(format: string, args: AwkPrintfArgument[], who: 'printf' | 'sprintf', budget: Budget, partial: (text: string) => void): string {
  let out = '';
  let next = 0;
  let conversions = 0;
  const fail = (message: string): never => {
    if (who === 'printf') partial(fromBytes(out));
    throw new AwkRuntimeError(message);
  };
  const take = (): AwkPrintfArgument => args[next++] ?? fail(`not enough arguments passed to ${who}("${format}")`);
  const bytes = toBytes(format);
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i]!;
    if (ch !== '%') {
      out += ch;
      continue;
    }
    conversions++;
    if (bytes[i + 1] === '%') {
      out += '%';
      i++;
      continue;
    }
    const spec = /^[-+ #0]*(\*|\d*)(?:\.(\*|\d*))?/.exec(bytes.slice(i + 1))!;
    const star = (): number => toInt(take().number());
    const width = spec[1] === '*' ? star() : null;
    const precision = spec[2] === '*' ? star() : null;
    const value = take();
    let at = i + 1 + spec[0].length;
    const length = bytes[at] === 'h' || bytes[at] === 'l' ? bytes[at++]! : '';
    const letter = bytes[at] ?? '';
    if (!/^[cdiouxXeEfgGs]$/.test(letter)) fail(`improper conversion(number ${conversions}) in ${who}("${format}")`);
    const stars = [width, precision].filter((n) => n !== null);
    const conversion = parseConversion(`${spec[0]}${letter}`, 0, () => stars.shift()!)!.conversion;
    budget.reserve((conversion.width ?? 0) + (conversion.precision ?? 0));
    i = at;
    switch (letter) {
      case 'd': case 'i': {
        const n = toInt(value.number());
        out += formatInteger(BigInt(length === 'h' ? (n << 16) >> 16 : n), conversion);
        break;
      }
      case 'o': case 'u': case 'x': case 'X': {
        const n = toUnsigned(value.number());
        out += formatInteger(BigInt(length === 'h' ? n & 0xffff : n), conversion);
        break;
      }
      case 'c': out += formatString(value.byte(), { ...conversion, precision: null }); break;
      case 's': out += formatString(toBytes(value.text()), conversion); break;
      default: out += formatFloat(value.number(), conversion);
    }
  }
  return fromBytes(out);
}
