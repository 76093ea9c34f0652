// Keeps a random scenario's end out of a neighbour timer's slack.
//
// Linux arms every neighbour timer with mod_timer, and the timer wheel fires
// it anywhere in [armed + delay, armed + delay + granularity) depending on the
// phase of jiffies, which a scenario does not control (32 ms for a 1 s
// retransmit, 256 ms for delay_first_probe_time at HZ=250). The simulator
// fires at one point of that window. When the end of a scenario, where the
// neighbour tables are read and the capture stops, falls inside such a
// window, whether the entry is still DELAY or already PROBE (and whether the
// probe is on the wire) is Linux's own randomness, like reachable_time's: two
// kernel runs disagree and no simulator can match both. So the generator runs
// its scenario in the simulator and, while a pending neighbour timer's window
// overlaps those instants (as late as the kernel runner, which falls behind
// the simulator by some milliseconds per command, may reach them), lengthens
// the final sleep until the tables are read after the window has closed.
import { COMMAND_GAP_US, createLab } from '../src-sim/lab.ts';
import { timerWheelSlackUs } from '../src-sim/host/neighbour/timer-wheel.ts';
import { OBSERVATION_END_US } from '../src-sim/scenario/run.ts';
import type { Scenario } from '../src-sim/scenario/types.ts';
import { applySteps } from '../src-sim/step.ts';

/** A neighbour timer pending when the last step ends, and when Linux may fire it (µs). */
export interface PendingNeighbourTimer {
  host: string;
  entry: string;
  state: string;
  atUs: number;
  /** Where Linux may fire it: the simulator's instant ± the wheel level's granularity (the arming phase is unknown). */
  windowUs: [number, number];
}

/** How much earlier than the simulator the kernel runner may observe (µs). */
const RUNNER_JITTER_US = 50_000;
/**
 * How much later the kernel runner falls behind the simulator per command
 * line it runs (each step's, then one `ip neigh show` per host): seed 710036
 * measured about 21 ms per command on a loaded two-core machine.
 */
export const RUNNER_LAG_PER_COMMAND_US = 30_000;

/** The delay the entry's state armed its timer with (ms). */
function armedDelayMs(state: string, values: { delay_first_probe_time: number; retrans_time: number }, remainingUs: number): number {
  if (state === 'DELAY') return values.delay_first_probe_time;
  if (state === 'INCOMPLETE' || state === 'PROBE') return Math.max(values.retrans_time, 10);
  return remainingUs / 1000;
}

/** Runs the scenario's steps in the simulator: the time its last step ends, and the neighbour timers pending then. */
export function pendingNeighbourTimers(scenario: Scenario): { endUs: number; lagUs: number; timers: PendingNeighbourTimer[] } {
  const lab = createLab(structuredClone(scenario), { seed: 1 });
  const startUs = lab.queue.now;
  applySteps(lab, scenario.steps);
  const now = lab.queue.now;
  const timers: PendingNeighbourTimer[] = [];
  for (const [name, host] of lab.hosts) {
    for (const entry of host.neigh.list()) {
      if (entry.timer === null) continue;
      const slack = timerWheelSlackUs(armedDelayMs(entry.nud, entry.parms().values, entry.timer.at - now));
      const atUs = entry.timer.at - startUs;
      timers.push({ host: name, entry: `${entry.ipText} dev ${entry.dev.name}`, state: entry.nud, atUs, windowUs: [atUs - slack, atUs + slack] });
    }
  }
  const commands = scenario.steps.filter((step) => 'run' in step).length + scenario.hosts.length;
  return { endUs: now - startUs, lagUs: commands * RUNNER_LAG_PER_COMMAND_US, timers };
}

/** The instants a scenario ending at `endUs` is observed at: the neighbour tables read, the capture stopped. */
export function observationInstantsUs(endUs: number): [number, number] {
  return [endUs + COMMAND_GAP_US, endUs + OBSERVATION_END_US];
}

/**
 * The first timer whose window overlaps the span in which the kernel runner
 * may observe the end (from a little before the simulator's instants to
 * `lagUs` after them), or null.
 */
export function timerRacingTheEnd(endUs: number, lagUs: number, timers: readonly PendingNeighbourTimer[]): PendingNeighbourTimer | null {
  const [readUs, stopUs] = observationInstantsUs(endUs);
  return timers.find((t) => t.windowUs[0] <= stopUs + lagUs && t.windowUs[1] >= readUs - RUNNER_JITTER_US) ?? null;
}

/** Rounds µs up to the tenth of a second the generator's sleeps use. */
function tenthsUp(us: number): number {
  return Math.ceil(us / 100_000) / 10;
}

/**
 * The scenario with its end moved out of every pending neighbour timer's
 * window: the final sleep (appended if the last step is a command) grows
 * until the tables are read after the latest such window closes. Each
 * lengthening lets that timer fire, which may arm another (DELAY → PROBE →
 * a retransmit 1 s later), so it looks again, a bounded number of times.
 */
export function leaveTimerSlack(scenario: Scenario, rounds = 8): Scenario {
  let current = scenario;
  for (let round = 0; round < rounds; round++) {
    const { endUs, lagUs, timers } = pendingNeighbourTimers(current);
    const racing = timerRacingTheEnd(endUs, lagUs, timers);
    if (racing === null) return current;
    const [readUs] = observationInstantsUs(endUs);
    const extra = tenthsUp(racing.windowUs[1] + RUNNER_JITTER_US - readUs + 1);
    const steps = [...current.steps];
    const last = steps[steps.length - 1];
    if (last !== undefined && 'sleep' in last) steps[steps.length - 1] = { sleep: Number((last.sleep + extra).toFixed(1)) };
    else steps.push({ sleep: extra });
    current = { ...current, steps };
  }
  throw new Error(`${scenario.name}: the end still falls in a neighbour timer's slack after ${rounds} lengthenings`);
}
