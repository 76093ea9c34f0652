// Shared by the lesson tests: the LVS-DR lab behind a router, set up.
import { createLab, type Lab } from '../../lab.ts';
import type { Scenario } from '../../scenario/types.ts';
import base from './curriculum/base-lab.json' with { type: 'json' };

export function baseLab(): Lab {
  const scenario = structuredClone(base) as Scenario;
  const lab = createLab(scenario);
  for (const step of scenario.steps) if ('run' in step) lab.run(step.host, step.run);
  return lab;
}
