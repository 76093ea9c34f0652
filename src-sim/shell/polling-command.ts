// A command that looks at something at a fixed interval until a signal ends
// it: tail -f (the files), journalctl -f (the journal), watch (a command's
// screen). Each look runs on the lab's clock, the next one scheduled after
// the look ends, so a look that takes virtual time delays the following one.
import type { CommandContext, RunningCommand } from './context.ts';

/** Signals the tool catches, and its handler: what it does last and the status it exits with. */
export interface CaughtSignals {
  signals: readonly number[];
  exit(): number;
}

/**
 * Calls `poll` every `intervalUs` from now until the command is ended. It
 * ends with `exitCode` when it stops on its own; a signal ends it where it
 * is, with status 130, unless `caught` handles it (watch's die()).
 */
export function pollingCommand(ctx: CommandContext, intervalUs: number, poll: () => void, exitCode: number, caught?: CaughtSignals): RunningCommand {
  const look = (): void => {
    poll();
    timer = ctx.clock.schedule(intervalUs, look);
  };
  let timer = ctx.clock.schedule(intervalUs, look);
  const running: RunningCommand = {
    done: false,
    exitCode,
    handles: caught?.signals ?? [],
    endless: true,
    interrupt: () => {
      if (running.done) return;
      timer.cancel();
      running.done = true;
      running.exitCode = caught ? caught.exit() : 130;
    },
  };
  return running;
}
