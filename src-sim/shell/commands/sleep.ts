import type { Command, RunningCommand } from '../context.ts';

/** The longest sleep the lab waits out (an hour of virtual time). */
const LONGEST_SECONDS = 3600;

/**
 * coreutils sleep: a timer on the lab's clock. It catches no signal, so
 * Ctrl-C or `kill` ends it where it is (status 130 for SIGINT in the
 * foreground); in the background (`sleep 5 &`) later commands run meanwhile.
 */
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
  const seconds = Math.min(Number(match[1]) * (match[2] === 'm' ? 60 : match[2] === 'h' ? 3600 : 1), LONGEST_SECONDS);
  const micros = Math.round(seconds * 1_000_000);
  const run: RunningCommand = {
    done: false,
    exitCode: 0,
    handles: [],
    timeLimitUs: micros,
    interrupt: () => {
      if (run.done) return;
      timer.cancel();
      run.done = true;
      run.exitCode = 130;
    },
  };
  const timer = ctx.clock.schedule(micros, () => {
    run.done = true;
  });
  return run;
};
