// bash's printf reads %e %f %g arguments with strtold: on x86-64 an 80-bit
// long double, 64 significant bits, so `printf %.20f 0.1` prints
// 0.10000000000000000000 where a double would give ...0555. The text is
// rounded once, exactly, to 64 bits (half to even) with BigInt arithmetic.
import { binaryToDecimal, type RealValue } from './c-format.ts';

const SIGNIFICAND_BITS = 64;
/** The largest finite long double is just under 2^16384; beyond it strtold gives inf. */
const MAX_BINARY_EXPONENT = 16384;
/** Below about 2^-16445 a long double is zero. */
const MIN_BINARY_EXPONENT = -16445;

/** strtold's reading of the start of `text`: the value and how many characters it took (0: none). */
export function strtold(text: string): { value: RealValue; end: number } {
  const m = /^\s*([-+]?)(?:(0[xX])((?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+))([pP][-+]?\d+)?|((?:\d+\.?\d*|\.\d+))([eE][-+]?\d+)?|(inf(?:inity)?)|(nan)(\([0-9A-Za-z_]*\))?)/i.exec(text);
  if (!m) return { value: { kind: 'finite', negative: false, exact: { digits: 0n, scale: 0 } }, end: 0 };
  const negative = m[1] === '-';
  if (m[7] !== undefined) return { value: { kind: 'inf', negative }, end: m[0].length };
  if (m[8] !== undefined) return { value: { kind: 'nan', negative }, end: m[0].length };
  if (m[2] !== undefined) {
    const [whole, fraction = ''] = m[3]!.split('.') as [string, string | undefined];
    const exponent = m[4] === undefined ? 0 : Number(m[4].slice(1));
    const mantissa = BigInt(`0x${whole}${fraction}` === '0x' ? '0x0' : `0x${whole}${fraction}`);
    return { value: rounded(negative, mantissa, exponent - 4 * fraction.length, 2), end: m[0].length };
  }
  const [whole, fraction = ''] = m[5]!.split('.') as [string, string | undefined];
  const exponent = m[6] === undefined ? 0 : Number(m[6].slice(1));
  return { value: rounded(negative, BigInt(`${whole}${fraction}` || '0'), exponent - fraction.length, 10), end: m[0].length };
}

/** mantissa × base^exponent rounded to a 64-bit significand. */
function rounded(negative: boolean, mantissa: bigint, exponent: number, base: 2 | 10): RealValue {
  if (mantissa === 0n) return { kind: 'finite', negative, exact: { digits: 0n, scale: 0 } };
  // Far outside the range, decided before any huge power is built.
  const magnitude = mantissa.toString(2).length + exponent * (base === 10 ? Math.log2(10) : 1);
  if (magnitude > MAX_BINARY_EXPONENT + 1) return { kind: 'inf', negative };
  if (magnitude < MIN_BINARY_EXPONENT - 1) return { kind: 'finite', negative, exact: { digits: 0n, scale: 0 } };
  // The value as numerator / denominator, both integers.
  let numerator = mantissa;
  let denominator = 1n;
  const power = BigInt(base) ** BigInt(Math.abs(exponent));
  if (exponent >= 0) numerator *= power;
  else denominator = power;
  // Scale by 2^shift so the quotient has exactly 64 bits.
  let shift = SIGNIFICAND_BITS - (numerator.toString(2).length - denominator.toString(2).length);
  for (;;) {
    const scaledNumerator = shift >= 0 ? numerator << BigInt(shift) : numerator;
    const scaledDenominator = shift >= 0 ? denominator : denominator << BigInt(-shift);
    let quotient = scaledNumerator / scaledDenominator;
    if (quotient >= 1n << 64n) {
      shift--;
      continue;
    }
    if (quotient < 1n << 63n) {
      shift++;
      continue;
    }
    const twice = (scaledNumerator % scaledDenominator) * 2n;
    if (twice > scaledDenominator || (twice === scaledDenominator && quotient % 2n === 1n)) quotient++;
    return { kind: 'finite', negative, exact: binaryToDecimal(quotient, -shift) };
  }
}
