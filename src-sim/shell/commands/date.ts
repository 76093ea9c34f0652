// date (coreutils 9.1) in the C.UTF-8 locale and UTC, the lab's time zone:
// the lab's virtual clock in the default form "Mon Jan  1 00:00:05 UTC 2024",
// +FORMAT with strftime's conversions and GNU's padding flags (- _ 0 ^),
// -u, -R, -I[TIMESPEC]. Setting the clock and -d are not simulated.
import type { Command, CommandContext } from '../context.ts';
import { getopt } from '../getopt.ts';
import { quoted, tryHelp, usageError } from '../text/coreutils.ts';
import { civilTime, MONTH_NAMES, VIRTUAL_EPOCH_UNIX_SECONDS, WEEKDAY_NAMES, type CivilTime } from '../../core/virtual-date.ts';

const DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';
const FULL_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const FULL_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const ISO_FORMATS: Record<string, string> = { date: '%Y-%m-%d', hours: '%Y-%m-%dT%H%:z', minutes: '%Y-%m-%dT%H:%M%:z', seconds: '%Y-%m-%dT%H:%M:%S%:z', ns: '%Y-%m-%dT%H:%M:%S,%N%:z' };

function dayOfYear(t: CivilTime): number {
  const leap = (t.year % 4 === 0 && t.year % 100 !== 0) || t.year % 400 === 0;
  const before = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334][t.month - 1]!;
  return before + t.day + (leap && t.month > 2 ? 1 : 0);
}

/** One conversion's text, and whether it is a number (padding flags apply) with its default width and pad. */
function convert(letter: string, t: CivilTime, micros: number): { text: string; width?: number; pad?: '0' | ' ' } | null {
  const hour12 = t.hours % 12 === 0 ? 12 : t.hours % 12;
  const unix = Math.floor(micros / 1_000_000) + VIRTUAL_EPOCH_UNIX_SECONDS;
  const num = (value: number, width: number, pad: '0' | ' ' = '0') => ({ text: String(value), width, pad });
  switch (letter) {
    case 'a': return { text: WEEKDAY_NAMES[t.weekday]! };
    case 'A': return { text: FULL_WEEKDAYS[t.weekday]! };
    case 'b': case 'h': return { text: MONTH_NAMES[t.month - 1]! };
    case 'B': return { text: FULL_MONTHS[t.month - 1]! };
    case 'C': return num(Math.floor(t.year / 100), 2);
    case 'd': return num(t.day, 2);
    case 'e': return num(t.day, 2, ' ');
    case 'H': return num(t.hours, 2);
    case 'I': return num(hour12, 2);
    case 'j': return num(dayOfYear(t), 3);
    case 'k': return num(t.hours, 2, ' ');
    case 'l': return num(hour12, 2, ' ');
    case 'm': return num(t.month, 2);
    case 'M': return num(t.minutes, 2);
    case 'N': return { text: String((micros % 1_000_000) * 1000).padStart(9, '0') };
    case 'p': return { text: t.hours < 12 ? 'AM' : 'PM' };
    case 'P': return { text: t.hours < 12 ? 'am' : 'pm' };
    case 's': return num(unix, 1);
    case 'S': return num(t.seconds, 2);
    case 'u': return num(t.weekday === 0 ? 7 : t.weekday, 1);
    case 'w': return num(t.weekday, 1);
    case 'y': return num(t.year % 100, 2);
    case 'Y': return num(t.year, 1);
    case 'z': return { text: '+0000' };
    case 'Z': return { text: 'UTC' };
    case 'n': return { text: '\n' };
    case 't': return { text: '\t' };
    case '%': return { text: '%' };
    default: return null;
  }
}

/** Composite conversions, as glibc expands them in the C locale. */
const COMPOSITE: Record<string, string> = { c: '%a %b %e %H:%M:%S %Y', D: '%m/%d/%y', F: '%Y-%m-%d', r: '%I:%M:%S %p', R: '%H:%M', T: '%H:%M:%S', x: '%m/%d/%y', X: '%H:%M:%S' };

/** strftime with GNU date's flags (-: no padding, _: spaces, 0: zeros, ^: upper case) and widths; an unknown conversion is printed as written. */
export function formatDate(format: string, micros: number): string {
  const t = civilTime(micros);
  let out = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const spec = /^%([-_0^#]*)(\d*)(:{0,3})([a-zA-Z%])/.exec(format.slice(i));
    if (!spec) {
      out += c;
      continue;
    }
    const [whole, flags, widthText, colons, letter] = spec as unknown as [string, string, string, string, string];
    i += whole.length - 1;
    if (colons !== '' && letter !== 'z') {
      out += whole;
      continue;
    }
    if (colons !== '') {
      out += ['+00:00', '+00:00:00', '+00'][colons.length - 1]!;
      continue;
    }
    const composite = COMPOSITE[letter];
    const converted = composite !== undefined ? { text: formatDate(composite, micros) } : convert(letter, t, micros);
    if (converted === null) {
      out += whole;
      continue;
    }
    let text = converted.text;
    const numeric = converted.width !== undefined;
    const pad = flags.includes('-') ? null : flags.includes('_') ? ' ' : flags.includes('0') ? '0' : numeric ? converted.pad! : ' ';
    const width = widthText !== '' ? Number(widthText) : numeric ? converted.width! : 0;
    if (numeric && !flags.includes('-')) text = text.replace(/^0+(?=\d)/, '');
    if (pad !== null) text = text.padStart(width, pad);
    if (flags.includes('^')) text = text.toUpperCase();
    out += text;
  }
  return out;
}

function unsupported(ctx: CommandContext, word: string): number {
  ctx.err(`date: ${word}: not simulated in this lab (the lab's clock cannot be set or read at another date); date, date -u, date -R, date -I and date +FORMAT are\n`);
  return 1;
}

export const date: Command = (ctx) => {
  const parsed = getopt(ctx.argv.slice(1), {
    options: [
      { name: 'u', short: 'u', long: 'utc', arg: 'none' },
      { name: 'u', long: 'universal', arg: 'none' },
      { name: 'R', short: 'R', long: 'rfc-email', arg: 'none' },
      { name: 'I', short: 'I', long: 'iso-8601', arg: 'optional' },
      { name: 'd', short: 'd', long: 'date', arg: 'required' },
      { name: 's', short: 's', long: 'set', arg: 'required' },
      { name: 'f', short: 'f', long: 'file', arg: 'required' },
      { name: 'r', short: 'r', long: 'reference', arg: 'required' },
      { name: 'rfc-3339', long: 'rfc-3339', arg: 'required' },
      { name: 'debug', long: 'debug', arg: 'none' },
    ],
    permute: true,
    abbreviations: true,
  });
  if (parsed.error) {
    usageError(ctx, 'date', parsed.error);
    return 1;
  }
  let format: string | null = null;
  for (const option of parsed.options) {
    if (option.name === 'u') continue;
    if (option.name === 'R') format = '%a, %d %b %Y %H:%M:%S %z';
    else if (option.name === 'I') {
      const spec = option.arg ?? 'date';
      const key = Object.keys(ISO_FORMATS).find((k) => k.startsWith(spec) && spec !== '');
      if (key === undefined) {
        const valid = ['hours', 'minutes', 'date', 'seconds', 'ns'].map((a) => `  - ${quoted(a)}\n`).join('');
        ctx.err(`date: invalid argument ${quoted(spec)} for ${quoted('--iso-8601')}\nValid arguments are:\n${valid}${tryHelp('date')}`);
        return 1;
      }
      format = ISO_FORMATS[key]!;
    } else return unsupported(ctx, option.word);
  }
  const [operand, extra] = parsed.operands;
  if (extra !== undefined) {
    ctx.err(`date: extra operand ${quoted(extra)}\n${tryHelp('date')}`);
    return 1;
  }
  if (operand !== undefined && !operand.startsWith('+')) return unsupported(ctx, operand);
  if (operand !== undefined && format !== null) {
    ctx.err('date: multiple output formats specified\n');
    return 1;
  }
  ctx.out(`${formatDate(operand?.slice(1) ?? format ?? DEFAULT_FORMAT, ctx.clock.now)}\n`);
  return 0;
};
