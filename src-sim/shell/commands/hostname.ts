import type { Command } from '../context.ts';

export const hostname: Command = (ctx) => {
  ctx.out(`${ctx.host.name}\n`);
  return 0;
};
