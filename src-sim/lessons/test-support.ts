// Shared by the lesson tests: the lab behind a router, and whether issue 3's
// curl (TCP through the director) is in the simulator yet. Tests that need it
// run only once it is there, and say so in their names.
import { createLab, type Lab } from '../lab.ts';
import type { Scenario } from '../scenario/types.ts';
import { COMMANDS } from '../shell/commands/index.ts';
import base from './curriculum/base-lab.json' with { type: 'json' };

export const HAS_CURL = COMMANDS.has('curl');

export function baseLab(): Lab {
  const scenario = structuredClone(base) as Scenario;
  const lab = createLab(scenario);
  for (const step of scenario.steps) if ('run' in step) lab.run(step.host, step.run);
  return lab;
}
