// Shared by the lesson tests: the LVS-DR lab behind a router, set up.
import { bootLab, type Lab } from '../../lab.ts';
import { textbookScenario } from '../../scenario/textbook.ts';

export function baseLab(): Lab {
  const { steps, ...scenario } = textbookScenario({ name: 'LVS-DR behind a router' });
  return bootLab({ ...scenario, steps: [] }, steps);
}
