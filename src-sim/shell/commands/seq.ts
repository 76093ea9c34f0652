// coreutils seq: FIRST [INCREMENT] LAST, one number per line (-s SEP, -w).
import type { Command } from '../context.ts';

const TRY = "Try 'seq --help' for more information.\n";

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
  // Counted and sized before anything is built: the line's budget decides, not the tab's memory.
  const count = (step > 0 ? last + 1e-9 >= first : last - 1e-9 <= first) ? Math.floor((last - first) / step + 1e-9) + 1 : 0;
  const width = Math.max(first.toFixed(decimals).replace('-', '').length, (first + (count - 1) * step).toFixed(decimals).replace('-', '').length);
  ctx.budget.reserve(count * (width + 1 + separator.length));
  const values: string[] = [];
  for (let n = 0; n < count; n++) {
    if (n % 1024 === 0) ctx.budget.spend(1024);
    const text = (first + n * step).toFixed(decimals);
    values.push(!equalWidth ? text : text.startsWith('-') ? `-${text.slice(1).padStart(width, '0')}` : text.padStart(width, '0'));
  }
  if (values.length > 0) ctx.out(`${values.join(separator)}\n`);
  return 0;
};
