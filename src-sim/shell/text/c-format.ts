// C printf conversions, as both bash's printf builtin and awk's printf use
// them: %d %i %o %u %x %X %c %s %e %E %f %F %g %G with the flags - + space
// 0 #, a width and a precision (either may be `*`). Floating conversions are
// glibc's: the exact binary value written in decimal, rounded half to even,
// never JavaScript's toFixed (which rounds 2.5 to 3 and stops at 100 digits).
// Like C, the callers format bytes (toBytes), so widths count bytes.

const encoder = new TextEncoder();

/** Text as C sees it: a string of bytes, one character (0-255) per UTF-8 byte. */
export function toBytes(text: string): string {
  let bytes = '';
  for (const byte of encoder.encode(text)) bytes += String.fromCharCode(byte);
  return bytes;
}

/** Bytes back to text; those that are not UTF-8 become U+FFFD, as the terminal shows them. */
export function fromBytes(bytes: string): string {
  return new TextDecoder('utf-8').decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
}

export interface Conversion {
  flags: string;
  width: number | null;
  precision: number | null;
  letter: string;
}

/** `%[flags][width][.precision]letter` at `start` (just after the %); null when it is not one. */
export function parseConversion(format: string, start: number, star: () => number): { conversion: Conversion; end: number } | null {
  const m = /^([-+ 0#]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z%])?/.exec(format.slice(start));
  if (!m || m[4] === undefined) return null;
  const width = m[2] === '*' ? star() : m[2] === undefined ? null : Number(m[2]);
  const precision = m[3] === '*' ? star() : m[3] === undefined ? null : Number(m[3] || '0');
  let flags = m[1]!;
  let w = width;
  if (w !== null && w < 0) {
    flags += '-';
    w = -w;
  }
  return { conversion: { flags, width: w, precision: precision !== null && precision < 0 ? null : precision, letter: m[4] }, end: start + m[0].length };
}

function pad(text: string, c: Conversion, zeroPadding: boolean): string {
  const width = c.width ?? 0;
  if (text.length >= width) return text;
  if (c.flags.includes('-')) return text.padEnd(width);
  if (zeroPadding && c.flags.includes('0')) {
    const sign = /^[-+ ]/.test(text) ? text[0]! : '';
    const prefix = /^[-+ ]?0[xX]/.test(text) ? text.slice(sign.length, sign.length + 2) : '';
    const body = text.slice(sign.length + prefix.length);
    return sign + prefix + body.padStart(width - sign.length - prefix.length, '0');
  }
  return text.padStart(width);
}

function signed(text: string, negative: boolean, c: Conversion): string {
  if (negative) return `-${text}`;
  if (c.flags.includes('+')) return `+${text}`;
  if (c.flags.includes(' ')) return ` ${text}`;
  return text;
}

/** An integer conversion of a value already made an integer; o, u, x and X show a negative one as 64-bit unsigned. */
export function formatInteger(value: bigint, c: Conversion): string {
  const isSigned = c.letter === 'd' || c.letter === 'i';
  const negative = isSigned && value < 0n;
  const magnitude = isSigned ? (negative ? -value : value) : BigInt.asUintN(64, value);
  const radix = c.letter === 'o' ? 8 : c.letter === 'x' || c.letter === 'X' ? 16 : 10;
  let digits = magnitude.toString(radix);
  if (c.precision !== null) digits = c.precision === 0 && magnitude === 0n ? '' : digits.padStart(c.precision, '0');
  if (c.flags.includes('#')) {
    if (radix === 16 && magnitude !== 0n) digits = `0x${digits}`;
    if (radix === 8 && !digits.startsWith('0')) digits = `0${digits}`;
  }
  if (c.letter === 'X') digits = digits.toUpperCase();
  // C ignores the 0 flag when a precision is given.
  return pad(isSigned ? signed(digits, negative, c) : digits, c, c.precision === null);
}

/** A non-negative number exactly as digits / 10^scale. */
export interface ExactDecimal {
  digits: bigint;
  scale: number;
}

/** What %e %f %g print: a finite value written exactly, or inf or nan, each with its sign. */
export type RealValue = { kind: 'finite'; negative: boolean; exact: ExactDecimal } | { kind: 'inf' | 'nan'; negative: boolean };

/** The NaN an invalid operation gives on x86 (its sign bit set: glibc prints it as -nan). */
export const X86_DEFAULT_NAN = new Float64Array(new BigUint64Array([0xfff8000000000000n]).buffer)[0]!;

/** Whether a double's sign bit is set (for NaN too, which no comparison tells). */
function signBit(value: number): boolean {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  return view.getUint8(0) >= 0x80;
}

/** A double as a RealValue (a NaN with its sign bit set prints as glibc's "-nan"). */
export function realOfDouble(value: number): RealValue {
  if (Number.isNaN(value)) return { kind: 'nan', negative: signBit(value) };
  const negative = value < 0 || Object.is(value, -0);
  if (!Number.isFinite(value)) return { kind: 'inf', negative };
  return { kind: 'finite', negative, exact: exactDecimal(Math.abs(value)) };
}

/** %e %f %g (and upper case) of a double. */
export function formatFloat(value: number, c: Conversion): string {
  return formatReal(realOfDouble(value), c);
}

/** %e %f %g (and upper case) of a value already read exactly (bash's long double, awk's double). */
export function formatReal(value: RealValue, c: Conversion): string {
  const upper = c.letter === c.letter.toUpperCase();
  const alternate = c.flags.includes('#');
  let text: string;
  if (value.kind !== 'finite') text = value.kind;
  else {
    const precision = c.precision ?? 6;
    const letter = c.letter.toLowerCase();
    if (letter === 'f') text = fixed(value.exact, precision, alternate);
    else if (letter === 'e') text = exponential(value.exact, precision, alternate);
    else text = generalExact(value.exact, precision === 0 ? 1 : precision, alternate);
  }
  if (upper) text = text.toUpperCase();
  // inf and nan are padded with spaces, never zeros.
  return pad(signed(text, value.negative, c), c, value.kind === 'finite');
}

/** A finite non-negative double exactly as digits / 10^scale. */
function exactDecimal(value: number): ExactDecimal {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  const significand = biased === 0 ? fraction : fraction | (1n << 52n);
  return binaryToDecimal(significand, (biased === 0 ? 1 : biased) - 1075);
}

/** significand × 2^exponent exactly as digits / 10^scale (m / 2^k = m × 5^k / 10^k). */
export function binaryToDecimal(significand: bigint, exponent: number): ExactDecimal {
  return exponent >= 0 ? { digits: significand << BigInt(exponent), scale: 0 } : { digits: significand * 5n ** BigInt(-exponent), scale: -exponent };
}

/** round(digits / 10^scale * 10^places), ties to even (the exact value decides; there is no double rounding). */
function roundTo({ digits, scale }: ExactDecimal, places: number): bigint {
  const shift = scale - places;
  if (shift <= 0) return digits * 10n ** BigInt(-shift);
  const divisor = 10n ** BigInt(shift);
  const quotient = digits / divisor;
  const twice = (digits % divisor) * 2n;
  return twice > divisor || (twice === divisor && quotient % 2n === 1n) ? quotient + 1n : quotient;
}

function withPoint(digits: string, places: number, alternate: boolean): string {
  if (places === 0) return alternate ? `${digits}.` : digits;
  const padded = digits.padStart(places + 1, '0');
  return `${padded.slice(0, -places)}.${padded.slice(-places)}`;
}

function fixed(value: ExactDecimal, precision: number, alternate: boolean): string {
  return withPoint(roundTo(value, precision).toString(), precision, alternate);
}

/** The digits of %e (precision + 1 of them) and the decimal exponent, after rounding. */
function scientific(value: ExactDecimal, precision: number): { digits: string; exponent: number } {
  if (value.digits === 0n) return { digits: '0'.repeat(precision + 1), exponent: 0 };
  let exponent = value.digits.toString().length - 1 - value.scale;
  let digits = roundTo(value, precision - exponent).toString();
  // 9.99… rounded up to 10.0…: one more digit, one more in the exponent.
  if (digits.length > precision + 1) {
    digits = digits.slice(0, precision + 1);
    exponent++;
  }
  return { digits, exponent };
}

function exponentText(exponent: number): string {
  return `e${exponent < 0 ? '-' : '+'}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

function exponential(value: ExactDecimal, precision: number, alternate: boolean): string {
  const { digits, exponent } = scientific(value, precision);
  const mantissa = precision === 0 ? (alternate ? `${digits}.` : digits) : `${digits[0]}.${digits.slice(1)}`;
  return mantissa + exponentText(exponent);
}

/** %g of a non-negative double (ping's loss percentage). */
export function general(value: number, precision: number, keepZeros = false): string {
  return generalExact(exactDecimal(value), precision, keepZeros);
}

/** %g: %e or %f, whichever C picks for this exponent, trailing zeros removed (unless #). */
function generalExact(value: ExactDecimal, precision: number, keepZeros: boolean): string {
  const exponent = scientific(value, precision - 1).exponent;
  const text = exponent < -4 || exponent >= precision ? exponential(value, precision - 1, keepZeros) : fixed(value, precision - 1 - exponent, keepZeros);
  if (keepZeros) return text;
  const [mantissa, power] = text.split('e') as [string, string | undefined];
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return power === undefined ? trimmed : `${trimmed}e${power}`;
}

/** %s with a precision (the first N characters) and a width. */
export function formatString(text: string, c: Conversion): string {
  return pad(c.precision === null ? text : text.slice(0, c.precision), c, false);
}
