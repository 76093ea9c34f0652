// A lab session as a scenario file (File ▸ Save): the scenario the lab was
// booted from, with the commands typed since boot as its steps and `sleep`
// steps for the virtual time that passed between them. The simulator is
// deterministic, so `lvs-dr-lab run` of that file (with the same seed) ends in
// the same state as the lab it came from: same frames, same neighbour tables.
import { MICROS_PER_SECOND } from '../core/event-queue.ts';
import type { Lab } from '../lab.ts';
import { SCENARIO_LIMITS } from '../schema/scenario.ts';
import type { Step } from '../step.ts';
import { SCENARIO_FORMAT, type Scenario } from './types.ts';

/** The longest `sleep` step a scenario may have (the schema refuses longer ones). */
const MAX_SLEEP_STEP_US = SCENARIO_LIMITS.sleepSeconds * MICROS_PER_SECOND;

/**
 * `base`'s hosts (its own steps are not part of the session: the lab was
 * booted from the hosts alone) followed by `journal` as steps. Consecutive
 * sleeps are merged and sleeps over the scenario limit split. Both are
 * counted in whole microseconds, as `Lab.sleep` rounds them, so the replayed
 * clock lands on exactly the same microsecond.
 */
export function scenarioFromJournal(base: Scenario, journal: readonly Step[]): Scenario {
  const steps: Step[] = [];
  let sleepUs = 0;
  const flushSleep = (): void => {
    while (sleepUs > 0) {
      const chunk = Math.min(sleepUs, MAX_SLEEP_STEP_US);
      steps.push({ sleep: chunk / MICROS_PER_SECOND });
      sleepUs -= chunk;
    }
  };
  for (const entry of journal) {
    if ('sleep' in entry) {
      sleepUs += Math.round(entry.sleep * MICROS_PER_SECOND);
      continue;
    }
    flushSleep();
    if ('write' in entry) steps.push({ host: entry.host, write: { ...entry.write } });
    else if ('power' in entry) steps.push({ host: entry.host, power: entry.power });
    else if ('interrupt' in entry) steps.push({ host: entry.host, interrupt: true });
    // A line left running live stays so, or the replay would run it to the time limit there and then.
    else steps.push(entry.live ? { host: entry.host, run: entry.run, live: true } : { host: entry.host, run: entry.run });
  }
  flushSleep();
  const scenario: Scenario = { format: SCENARIO_FORMAT, hosts: structuredClone(base.hosts), steps };
  if (base.name !== undefined) scenario.name = base.name;
  return scenario;
}

export interface SavedSession {
  scenario: Scenario;
  /** The lab's random seed; `lvs-dr-lab run FILE --seed N` replays with it (the file format has no seed). */
  seed: number;
}

/** The session of a lab built by `createLab`, as a scenario and the seed to replay it with. */
export function sessionScenario(lab: Lab): SavedSession {
  if (!lab.origin) throw new Error('sessionScenario: this lab was not built by createLab, so it has no scenario to save');
  return { scenario: scenarioFromJournal(lab.origin.scenario, lab.steps()), seed: lab.origin.options.seed ?? 1 };
}
