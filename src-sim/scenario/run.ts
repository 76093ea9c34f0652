// Runs a validated scenario headlessly and returns the contract's observation.
import { RUN_BUDGET } from '../core/budget.ts';
import { MICROS_PER_SECOND } from '../core/event-queue.ts';
import { COMMAND_GAP_US, createLab, type Lab, type LabOptions } from '../lab.ts';
import { applySteps } from '../step.ts';
import { OBSERVATION_FORMAT, type Observation, type ObservedFrame, type Scenario } from './types.ts';

/** src-cli/kernel/run.ts: tcpdump keeps capturing this long after the neighbour tables are read. */
const CAPTURE_GRACE_US = 200_000;

/** Virtual time a scenario run lets pass after its last step, before it returns the lab. */
export const OBSERVATION_END_US = COMMAND_GAP_US + CAPTURE_GRACE_US;

export interface ScenarioRun {
  observation: Observation;
  lab: Lab;
  /** How many of the scenario's steps ran: fewer than all when the run's budget (RUN_BUDGET) stopped one. */
  applied: number;
}

export function runScenarioWithLab(scenario: Scenario, options: LabOptions = {}): ScenarioRun {
  const lab = createLab(scenario, options);
  const startUs = lab.queue.now;
  const steps: Observation['steps'] = [];
  const applied = applySteps(lab, scenario.steps, RUN_BUDGET);
  applied.forEach(({ step, result }, index) => {
    if ('run' in step && result) steps.push({ index, host: step.host, run: step.run, exit: result.exit, stdout: result.stdout, stderr: result.stderr });
  });
  // The end as the kernel runner observes it: the neighbour tables are read by
  // one more command (a command's gap later), the frames captured for
  // CAPTURE_GRACE_US after that.
  lab.queue.runUntil(lab.queue.now + COMMAND_GAP_US);
  const neighbors: Observation['neighbors'] = {};
  for (const host of scenario.hosts) neighbors[host.name] = lab.neighbors(host.name);
  lab.queue.runUntil(lab.queue.now + CAPTURE_GRACE_US);
  const startT = startUs / MICROS_PER_SECOND;
  const frames: ObservedFrame[] = lab.frames.map(({ id: _id, ...frame }) => ({ ...frame, t: Number((frame.t - startT).toFixed(6)) }) as ObservedFrame);
  return { observation: { format: OBSERVATION_FORMAT, steps, frames, neighbors }, lab, applied: applied.length };
}

/** The observation `lvs-dr-lab run FILE --json` prints. */
export function runScenario(scenario: Scenario, options: LabOptions = {}): Observation {
  return runScenarioWithLab(scenario, options).observation;
}
