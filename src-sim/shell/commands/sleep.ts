import type { Command } from '../context.ts';

/** coreutils sleep: lets virtual time pass. */
export const sleep: Command = (ctx) => {
  const arg = ctx.argv[1];
  if (arg === undefined) {
    ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  const match = /^(\d+(?:\.\d+)?)([smh]?)$/.exec(arg);
  if (!match) {
    ctx.err(`sleep: invalid time interval '${arg}'\nTry 'sleep --help' for more information.\n`);
    return 1;
  }
  const seconds = Number(match[1]) * (match[2] === 'm' ? 60 : match[2] === 'h' ? 3600 : 1);
  ctx.sleep(Math.min(seconds, 3600));
  return 0;
};
