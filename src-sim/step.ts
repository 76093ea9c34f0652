// A step: one thing done to a lab, in order. Scenario files, lesson and
// challenge setups, commands files, transcripts replayed, the lab's journal
// and saved sessions are all lists of steps, applied by `applySteps`.
//
// The shapes are scenario-v1's (`{host, run}` / `{sleep}`), so a list of steps
// is also the file format. Each kind is told apart by the key only it has
// (`run`, `sleep`, `write`, `interrupt`); a new kind (a reboot, a process left running)
// gets its own key, a case in `applyStep` and one in the validator.
import type { CommandResult } from './api.ts';
import { Budget, type BudgetLimits } from './core/budget.ts';
import type { Lab } from './lab.ts';

/** A command line typed at a host's shell; it runs to completion (ping, arping and curl advance the clock). */
export interface CommandStep {
  host: string;
  run: string;
  /**
   * Ctrl-C ended it after this many units of its budget's work (the lab's
   * journal writes it; budgets count work deterministically, so a replay
   * stops at the same step). Never in a scenario file.
   */
  interruptedAfter?: number;
  /** A whole run's budget stopped it after this many units of its line's work, with this sentence (journal only, as interruptedAfter). */
  stopped?: BudgetStop;
  /**
   * Typed at a live terminal (the app's): a tool that runs until a signal
   * ends it (`ping VIP`, `tcpdump -n -i eth0`), typed alone, is left running
   * in the foreground and the step ends at once; later steps run while it
   * prints, until an interrupt step at the same host. Without it the tool
   * runs to the lab's command time limit.
   */
  live?: true;
}

/** Ctrl-C typed at a host's terminal: SIGINT to the command a live step left running there. */
export interface InterruptStep {
  host: string;
  interrupt: true;
}

/** Virtual time passes with nobody typing; timers run. */
export interface SleepStep {
  sleep: number;
  /** Ctrl-C (or the budget) stopped the time controls' advance here, as for a command. */
  interruptedAfter?: number;
  stopped?: BudgetStop;
}

/** Where a whole run's budget (applySteps' runLimits) stopped a step, so a replay without that budget stops it at the same unit of work. */
export interface BudgetStop {
  after: number;
  message: string;
}

/**
 * A whole file saved on a host, as an editor saves it (vi's `:w`, nano's
 * Ctrl-O): journaled like a typed command, so a replay or a fork writes it
 * again. `path` is absolute.
 */
export interface WriteStep {
  host: string;
  write: { path: string; text: string };
}

/**
 * reboot, poweroff: systemd stops the units first (clean). cycle and off:
 * the power button (reset, or held down): nothing is stopped. on: the
 * button pressed on a host that is off (src-sim/power.ts).
 */
export type PowerAction = 'reboot' | 'poweroff' | 'cycle' | 'off' | 'on';
export const POWER_ACTIONS: readonly PowerAction[] = ['reboot', 'poweroff', 'cycle', 'off', 'on'];

/**
 * A host's power button: `cycle` (reset), `off` (held down), `on`; and the
 * clean `reboot` / `poweroff` the commands do (src-sim/power.ts).
 */
export interface PowerStep {
  host: string;
  power: PowerAction;
}

export type Step = CommandStep | SleepStep | WriteStep | InterruptStep | PowerStep;

/** A step as it was applied, with what a command printed (sleeps print nothing). */
export interface AppliedStep {
  step: Step;
  result?: CommandResult;
}

/** A step in a lab's journal: applied, with the virtual time (µs) it started at. */
export interface JournalEntry extends AppliedStep {
  atUs: number;
}

export function isCommandStep(step: Step): step is CommandStep {
  return 'run' in step;
}

/** Applies one step, as the lab's journal records it. */
export function applyStep(lab: Lab, step: Step): AppliedStep {
  if ('sleep' in step) {
    lab.sleep(step.sleep, step);
    return { step };
  }
  if ('write' in step) return { step, result: lab.writeFile(step.host, step.write.path, step.write.text) };
  if ('interrupt' in step) return { step, result: lab.interrupt(step.host) };
  if ('power' in step) return { step, result: lab.power(step.host, step.power) };
  return { step, result: lab.run(step.host, step.run, step) };
}

/**
 * Applies the steps in order, as if typed; a command that fails does not stop
 * the rest. With `runLimits` (a file someone handed us: a scenario, a
 * commands file) all the steps share one whole-run budget besides each
 * line's: the step it stopped is the last one applied (its output ends with
 * the budget's sentence), so fewer steps than given come back, and the lab
 * and its journal hold exactly those.
 */
export function applySteps(lab: Lab, steps: readonly Step[], runLimits?: BudgetLimits): AppliedStep[] {
  if (runLimits === undefined) return steps.map((step) => applyStep(lab, step));
  const outer = lab.runBudget;
  const run = new Budget(runLimits, undefined, outer, 'run');
  lab.runBudget = run;
  try {
    const applied: AppliedStep[] = [];
    for (const step of steps) {
      applied.push(applyStep(lab, step));
      if (run.exceeded !== null) break;
    }
    return applied;
  } finally {
    lab.runBudget = outer;
  }
}
