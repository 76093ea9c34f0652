// Runs a validated scenario headlessly and returns the contract's observation.
import { createLab, type Lab, type LabOptions } from '../lab.ts';
import { applySteps } from '../step.ts';
import { OBSERVATION_FORMAT, type Observation, type ObservedFrame, type Scenario } from './types.ts';

export interface ScenarioRun {
  observation: Observation;
  lab: Lab;
}

export function runScenarioWithLab(scenario: Scenario, options: LabOptions = {}): ScenarioRun {
  const lab = createLab(scenario, options);
  const startUs = lab.queue.now;
  const steps: Observation['steps'] = [];
  applySteps(lab, scenario.steps).forEach(({ step, result }, index) => {
    if ('run' in step && result) steps.push({ index, host: step.host, run: step.run, exit: result.exit, stdout: result.stdout, stderr: result.stderr });
  });
  const startT = startUs / 1_000_000;
  const frames: ObservedFrame[] = lab.frames.map(({ id: _id, ...frame }) => ({ ...frame, t: Number((frame.t - startT).toFixed(6)) }) as ObservedFrame);
  const neighbors: Observation['neighbors'] = {};
  for (const host of scenario.hosts) neighbors[host.name] = lab.neighbors(host.name);
  return { observation: { format: OBSERVATION_FORMAT, steps, frames, neighbors }, lab };
}

/** The observation `lvs-dr-lab run FILE --json` prints. */
export function runScenario(scenario: Scenario, options: LabOptions = {}): Observation {
  return runScenarioWithLab(scenario, options).observation;
}
