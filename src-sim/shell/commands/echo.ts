import type { Command } from '../context.ts';

/** bash's builtin echo: -n drops the newline, -e is accepted and ignored. */
export const echo: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  let newline = true;
  while (args[0] === '-n' || args[0] === '-e' || args[0] === '-E') {
    if (args.shift() === '-n') newline = false;
  }
  ctx.out(args.join(' ') + (newline ? '\n' : ''));
  return 0;
};
