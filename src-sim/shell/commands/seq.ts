// coreutils seq: FIRST [INCREMENT] LAST, one number per line (-s SEP, -w).
import type { Command } from '../context.ts';

const TRY = "Try 'seq --help' for more information.\n";
/** A lab terminal prints at most this many numbers (seq 1000000000 would not end). */
const MAX_NUMBERS = 1_000_000;

export const seq: Command = (ctx) => {
  let separator = '\n';
  let equalWidth = false;
  const operands: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '-s' || a === '--separator') {
      const value = args[++i];
      if (value === undefined) {
        ctx.err(`seq: option requires an argument -- 's'\n${TRY}`);
        return 1;
      }
      separator = value;
    } else if (a.startsWith('-s') && a.length > 2) separator = a.slice(2);
    else if (a === '-w' || a === '--equal-width') equalWidth = true;
    else if (/^-[^\d.]/.test(a)) {
      ctx.err(`seq: invalid option -- '${a.slice(1, 2)}'\n${TRY}`);
      return 1;
    } else operands.push(a);
  }
  if (operands.length === 0) {
    ctx.err(`seq: missing operand\n${TRY}`);
    return 1;
  }
  if (operands.length > 3) {
    ctx.err(`seq: extra operand '${operands[3]}'\n${TRY}`);
    return 1;
  }
  const numbers: number[] = [];
  for (const text of operands) {
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(text)) {
      ctx.err(`seq: invalid floating point argument: '${text}'\n${TRY}`);
      return 1;
    }
    numbers.push(Number(text));
  }
  const [first, step, last] = numbers.length === 1 ? [1, 1, numbers[0]!] : numbers.length === 2 ? [numbers[0]!, 1, numbers[1]!] : [numbers[0]!, numbers[1]!, numbers[2]!];
  if (step === 0) {
    ctx.err(`seq: invalid Zero increment value: '${operands[1]}'\n${TRY}`);
    return 1;
  }
  const decimals = Math.max(...operands.slice(0, operands.length === 3 ? 2 : 1).map((t) => (t.includes('.') ? t.length - t.indexOf('.') - 1 : 0)));
  const values: string[] = [];
  for (let n = 0; values.length < MAX_NUMBERS; n++) {
    const value = first + n * step;
    if (step > 0 ? value > last + 1e-9 : value < last - 1e-9) break;
    values.push(value.toFixed(decimals));
  }
  if (equalWidth) {
    const width = Math.max(...values.map((v) => v.replace('-', '').length));
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      values[i] = v.startsWith('-') ? `-${v.slice(1).padStart(width, '0')}` : v.padStart(width, '0');
    }
  }
  if (values.length > 0) ctx.out(`${values.join(separator)}\n`);
  return 0;
};
