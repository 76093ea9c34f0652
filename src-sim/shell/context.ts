// What a command sees: its host, its arguments, its output streams, and the few
// lab-level services a command truly needs (the clock, the random source, running
// another command line, letting time pass); never the whole lab.
import type { EventQueue } from '../core/event-queue.ts';
import type { SeededRandom } from '../core/random.ts';
import type { Budget } from '../core/budget.ts';
import type { Host } from '../host/host.ts';
import type { CommandResult } from '../api.ts';
import type { Process } from '../lab.ts';

/** The lab's virtual clock, as commands that wait (ping, arping, curl, ab) drive it. */
export type CommandClock = Pick<EventQueue, 'now' | 'schedule' | 'nextAt' | 'runUntil' | 'step'>;

/** The lab's seeded random source (ping's ICMP id). */
export type CommandRandom = Pick<SeededRandom, 'int'>;

export interface CommandContext {
  readonly host: Host;
  /** argv[0] is the command name. */
  readonly argv: string[];
  /** The command line's budget: size output before building it (seq), charge long loops. */
  readonly budget: Budget;
  readonly clock: CommandClock;
  readonly random: CommandRandom;
  /**
   * Standard input: what a pipe, a `<` redirection or a here-document feeds the
   * command; null when it reads the terminal (nothing is typed ahead in the lab,
   * so a command waiting for terminal input sees end of file at once).
   */
  readonly stdin: string | null;
  out(text: string): void;
  err(text: string): void;
  /** Runs another command line on this host (route hands its work to ip route). */
  run(line: string): CommandResult;
  /**
   * Runs a command line as a child of a command left running (watch's
   * `sh -c`, from its timer): never a line typed at the terminal, so it
   * neither waits for nor ends the command that runs it; its output is only
   * in the result.
   */
  runChild(line: string): CommandResult;
  /** Lets virtual time pass; timers run (sleep). */
  sleep(seconds: number): void;
}

/** A command that takes virtual time reports its exit status when done. */
export interface RunningCommand extends Process {
  exitCode: number;
  /**
   * The signals the tool catches: `interrupt` is its handler (ping's SIGINT
   * summary, tcpdump's SIGTERM statistics). Any other signal that ends a
   * process kills it silently; SIGINT is assumed when this is absent.
   */
  handles?: readonly number[];
  /**
   * It runs until a signal ends it (ping and arping without -c or -w,
   * tcpdump without -c, tail -f, watch): typed alone at a live terminal it
   * keeps running on the lab's clock while other terminals work, until
   * Ctrl-C there (Terminal.foreground). Elsewhere it runs to the time limit.
   */
  endless?: boolean;
}

export type CommandOutcome = number | RunningCommand;

export type Command = (ctx: CommandContext) => CommandOutcome;
