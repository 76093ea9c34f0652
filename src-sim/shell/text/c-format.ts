// C printf conversions, as both bash's printf builtin and awk's printf use
// them: %d %i %o %u %x %X %c %s %e %E %f %F %g %G with the flags - + space
// 0 #, a width and a precision (either may be `*`).

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

function pad(text: string, c: Conversion, numeric: boolean): string {
  const width = c.width ?? 0;
  if (text.length >= width) return text;
  if (c.flags.includes('-')) return text.padEnd(width);
  if (numeric && c.flags.includes('0') && !(c.precision !== null && 'diouxX'.includes(c.letter))) {
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

/** An integer conversion of a value already made an integer (bash: 64-bit; awk: a double truncated). */
export function formatInteger(value: bigint, c: Conversion): string {
  const negative = value < 0n;
  const magnitude = negative ? -value : value;
  let digits: string;
  switch (c.letter) {
    case 'o': digits = (negative ? BigInt.asUintN(64, value) : magnitude).toString(8); break;
    case 'x': digits = (negative ? BigInt.asUintN(64, value) : magnitude).toString(16); break;
    case 'X': digits = (negative ? BigInt.asUintN(64, value) : magnitude).toString(16).toUpperCase(); break;
    case 'u': digits = (negative ? BigInt.asUintN(64, value) : magnitude).toString(); break;
    default: digits = magnitude.toString();
  }
  if (c.precision !== null) digits = c.precision === 0 && magnitude === 0n ? '' : digits.padStart(c.precision, '0');
  if (c.flags.includes('#') && magnitude !== 0n) {
    if (c.letter === 'x') digits = `0x${digits}`;
    if (c.letter === 'X') digits = `0X${digits}`;
    if (c.letter === 'o' && !digits.startsWith('0')) digits = `0${digits}`;
  }
  const isSigned = c.letter === 'd' || c.letter === 'i';
  return pad(isSigned ? signed(digits, negative, c) : digits, c, true);
}

/** %e %f %g (and upper case) of a double. */
export function formatFloat(value: number, c: Conversion): string {
  const upper = c.letter === c.letter.toUpperCase();
  const negative = value < 0 || Object.is(value, -0);
  const magnitude = Math.abs(value);
  let text: string;
  if (!Number.isFinite(magnitude)) text = Number.isNaN(magnitude) ? 'nan' : 'inf';
  else {
    const precision = c.precision ?? 6;
    const letter = c.letter.toLowerCase();
    if (letter === 'f') text = magnitude.toFixed(precision);
    else if (letter === 'e') text = exponential(magnitude, precision);
    else text = general(magnitude, precision === 0 ? 1 : precision, c.flags.includes('#'));
  }
  if (upper) text = text.toUpperCase();
  return pad(signed(text, negative && !Number.isNaN(value), c), c, Number.isFinite(value));
}

function exponential(value: number, precision: number): string {
  const [mantissa, exp] = value.toExponential(precision).split('e');
  const e = Number(exp);
  return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
}

/** %g: %e or %f, whichever C picks for this exponent, trailing zeros removed (unless #). */
export function general(value: number, precision: number, keepZeros = false): string {
  if (value === 0) return keepZeros ? (0).toFixed(precision - 1) : '0';
  const exp = Number(value.toExponential(precision - 1).split('e')[1]);
  const text = exp < -4 || exp >= precision ? exponential(value, precision - 1) : value.toFixed(Math.max(0, precision - 1 - exp));
  if (keepZeros) return text;
  const [mantissa, exponent] = text.split('e') as [string, string | undefined];
  const trimmed = mantissa.includes('.') ? mantissa.replace(/0+$/, '').replace(/\.$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** %s with a precision (the first N characters) and a width. */
export function formatString(text: string, c: Conversion): string {
  return pad(c.precision === null ? text : text.slice(0, c.precision), c, false);
}
