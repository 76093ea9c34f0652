// What a command sees: its host and lab, its arguments, and its output streams.
import type { Budget } from '../core/budget.ts';
import type { Host } from '../host/host.ts';
import type { Lab, Process } from '../lab.ts';

export interface CommandContext {
  readonly lab: Lab;
  readonly host: Host;
  /** argv[0] is the command name. */
  readonly argv: string[];
  /** The command line's budget: size output before building it (seq), charge long loops. */
  readonly budget: Budget;
  out(text: string): void;
  err(text: string): void;
}

/** A command that takes virtual time reports its exit status when done. */
export interface RunningCommand extends Process {
  exitCode: number;
}

export type CommandOutcome = number | RunningCommand;

export type Command = (ctx: CommandContext) => CommandOutcome;
